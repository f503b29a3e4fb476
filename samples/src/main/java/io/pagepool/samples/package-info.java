/** Unmodified packet applications and load tools; nothing here imports pagepool. */
package io.pagepool.samples;
