/** Online cache-size controller and offline tuning reports (filled by the tuner issue). */
package io.pagepool.tuner;
