package io.logos.delivery.app.config;

/**
 * The top layer a node runs ({@code --entry-layer}). Operators' relay and service nodes run the kernel alone and
 * get none of the messaging layer's loops; applications' nodes add the messaging layer.
 */
public enum EntryLayer {
    /** The kernel node only: relay, light push, filter, store, peers. */
    KERNEL,
    /** The messaging API over the kernel: reliable send, receive with backfill, health; {@code /messaging/v1}. */
    MESSAGING
}
