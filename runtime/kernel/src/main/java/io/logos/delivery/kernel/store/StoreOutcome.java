package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import java.util.List;
import java.util.Optional;

/**
 * What the store service makes of a query, before it is encoded for a peer ({@link StoreResponses#encode}) or
 * handed to the node itself ({@link #toResponse()}): a page of the archive, or a status without one.
 */
sealed interface StoreOutcome {

    /** The outcome as the store API describes it; it names no peer, since the node answered itself. */
    StoreResponse toResponse();

    /** A page found; its entries carry their messages when the query asked for data. */
    record Page(String requestId, ArchivePage page, boolean includeData) implements StoreOutcome {

        @Override
        public StoreResponse toResponse() {
            List<StoredMessage> messages = page.messages().stream().map(stored -> includeData
                    ? StoredMessage.of(stored.hash(), stored.pubsubTopic(), stored.message())
                    : StoredMessage.hashOnly(stored.hash())).toList();
            return new StoreResponse(StoreStatus.OK.code(), StoreStatus.OK.description(), messages, page.cursor(),
                    Optional.empty());
        }
    }

    /** A refused query, or one the archive could not answer. */
    record Status(String requestId, StoreStatus status) implements StoreOutcome {

        @Override
        public StoreResponse toResponse() {
            return StoreResponse.failure(status.code(), status.description(), Optional.empty());
        }
    }
}
