/**
 * The jar's entry points as the manifest names them, compiled for Java 8 (a separate compiler
 * run, {@code src/launcher/java}): they check the JVM's version first and hand over to the real
 * classes (Java 25) by reflection, or print
 * one line saying what is needed. Nothing else may live here: every class must load on Java 8.
 */
package io.pagepool.agent.boot;
