package io.logos.delivery.kernel.store;

/**
 * Store v3 facts and the limits of this node's store service (docs/adr/0014). Page sizes and the content
 * topic limit are nwaku's; the hash limit is nwaku's Postgres chunk size, enforced here for every driver.
 */
public final class StoreProtocol {

    /** The protocol id, the only store codec nwaku still serves. */
    public static final String ID = "/vac/waku/store-query/3.0.0";

    /** Messages per page when a query names no page size (or 0). */
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** The largest page; larger page sizes are lowered to it. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Content topics a query with a cursor may name (nwaku checks the limit only then). */
    public static final int MAX_CONTENT_TOPICS = 10;

    /** Message hashes a query may name; more is a bad request. */
    public static final int MAX_MESSAGE_HASHES = 100;

    /** The largest request read: ample for the limits above, so a huge request is refused unread. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private StoreProtocol() {
    }
}
