package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.List;
import java.util.Optional;

/**
 * One page of archived messages, from old to new whatever the query's direction (RFC 13), and the cursor of
 * the next page when more messages match: the hash of the last message included in query order (the newest
 * of a forward page, the oldest of a backward one), as nwaku sets it.
 */
record ArchivePage(List<ArchivedMessage> messages, Optional<MessageHash> cursor) {

    /**
     * @param rows      what the archive found for the page query, in query order; a row beyond
     *                  {@code pageSize} means that there is a next page
     * @param pageSize  the messages a page holds
     * @param direction the query's direction
     */
    static ArchivePage of(List<ArchivedMessage> rows, int pageSize, PagingDirection direction) {
        List<ArchivedMessage> page = rows.subList(0, Math.min(rows.size(), pageSize));
        Optional<MessageHash> cursor = rows.size() > pageSize
                ? Optional.of(page.getLast().hash())
                : Optional.empty();
        return new ArchivePage(List.copyOf(direction == PagingDirection.FORWARD ? page : page.reversed()), cursor);
    }
}
