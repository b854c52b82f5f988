package io.logos.delivery.api.kernel;

/** The direction of a store query over messages ordered by (timestamp, hash). */
public enum PagingDirection {
    /** From older to newer messages. */
    FORWARD,
    /** From newer to older messages; the Store v3 wire default. */
    BACKWARD
}
