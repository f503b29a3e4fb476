/** The page pool. */
package io.pagepool.pool;
