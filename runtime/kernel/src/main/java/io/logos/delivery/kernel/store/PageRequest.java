package io.logos.delivery.kernel.store;

import io.logos.delivery.spi.kernel.archive.ArchiveQuery;

/**
 * A valid store request: the archive query for one page, which asks for one message more than the page holds
 * so that the service knows whether a next page exists.
 */
record PageRequest(String requestId, boolean includeData, ArchiveQuery query, int pageSize)
        implements StoreRequestDecoder.Decoded {
}
