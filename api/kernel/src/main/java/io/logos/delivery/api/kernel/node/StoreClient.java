package io.logos.delivery.api.kernel.node;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks store service peers for archived messages (store v3, {@code /vac/waku/store-query/3.0.0}), one page per
 * call: continue with {@link StoreQuery#withCursor} while a response has a cursor, at the same peer.
 */
public interface StoreClient {

    /** How many store peers {@link #queryToAny} tries by default (nwaku's client tries 5). */
    int DEFAULT_ATTEMPTS = 5;

    /**
     * Queries {@code peer}, or a store peer the peer manager picks when empty (one serving the query's pubsub
     * topic, when it names one). Never fails: every problem is a {@link StoreResponse} status.
     */
    CompletableFuture<StoreResponse> query(StoreQuery query, Optional<PeerId> peer);

    /**
     * Queries store peers the peer manager picks, another one after each failure, until one answers with
     * success or a bad request (which another peer would refuse too), or {@code attempts} peers were asked, or
     * no other peer is left. Answers with the last response.
     */
    CompletableFuture<StoreResponse> queryToAny(StoreQuery query, int attempts);
}
