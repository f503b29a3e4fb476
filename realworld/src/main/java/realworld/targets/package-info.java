/**
 * The targets of the realworld suite: echo servers written as their libraries' own examples and
 * the textbook NIO patterns are, on loopback, with a free port. Nothing here knows of pagepool: the
 * agent must work on code that never heard of it. Each main serves until its standard input ends.
 */
package realworld.targets;
