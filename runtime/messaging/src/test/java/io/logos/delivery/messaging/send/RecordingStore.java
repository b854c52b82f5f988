package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A node's real store client that also remembers the queries it was given. */
final class RecordingStore implements StoreClient {

    private final StoreClient delegate;
    private final List<StoreQuery> queries = new CopyOnWriteArrayList<>();

    RecordingStore(StoreClient delegate) {
        this.delegate = delegate;
    }

    List<StoreQuery> queries() {
        return List.copyOf(queries);
    }

    /** Every hash some query asked about. */
    List<MessageHash> askedHashes() {
        return queries.stream().flatMap(query -> query.messageHashes().stream()).toList();
    }

    @Override
    public CompletableFuture<StoreResponse> query(StoreQuery query, Optional<PeerId> peer) {
        queries.add(query);
        return delegate.query(query, peer);
    }

    @Override
    public CompletableFuture<StoreResponse> queryToAny(StoreQuery query, int attempts) {
        queries.add(query);
        return delegate.queryToAny(query, attempts);
    }
}
