package io.pagepool.realworld;

/** How a target is spoken to: a TCP byte stream or UDP datagrams. */
public enum Protocol {
    /** A byte stream: echoes come back whole and in order; none may be lost. */
    TCP,
    /** Datagrams: each echo is one datagram; loopback may drop a few under load. */
    UDP
}
