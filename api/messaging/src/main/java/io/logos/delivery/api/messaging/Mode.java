package io.logos.delivery.api.messaging;

/** Which kernel protocols a {@link MessagingApi} drives. */
public enum Mode {
    /**
     * A light client: sends through light push, receives through filter, confirms and backfills through store.
     * Relays nothing.
     */
    EDGE,
    /** A full node: relays, serves light push and filter to edge nodes, and uses store as a client. */
    CORE
}
