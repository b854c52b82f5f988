package io.logos.delivery.messaging.testing;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.FilterClient;
import io.logos.delivery.api.kernel.node.KernelEventListener;
import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.WakuNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A real node whose store client counts the queries sent through it: everything else is the node's own. */
public final class CountingStoreNode implements WakuNode {

    private final WakuNode node;
    private final AtomicInteger queries = new AtomicInteger();
    private final StoreClient store;

    public CountingStoreNode(WakuNode node) {
        this.node = node;
        StoreClient real = node.store();
        this.store = new StoreClient() {
            @Override
            public CompletableFuture<StoreResponse> query(StoreQuery query, Optional<PeerId> peer) {
                queries.incrementAndGet();
                return real.query(query, peer);
            }

            @Override
            public CompletableFuture<StoreResponse> queryToAny(StoreQuery query, int attempts) {
                queries.incrementAndGet();
                return real.queryToAny(query, attempts);
            }
        };
    }

    /** How many store queries were sent (one per page asked for). */
    public int storeQueries() {
        return queries.get();
    }

    @Override
    public StoreClient store() {
        return store;
    }

    @Override
    public PeerId peerId() {
        return node.peerId();
    }

    @Override
    public List<String> listenAddresses() {
        return node.listenAddresses();
    }

    @Override
    public Optional<String> enrUri() {
        return node.enrUri();
    }

    @Override
    public int clusterId() {
        return node.clusterId();
    }

    @Override
    public List<PubsubTopic> shards() {
        return node.shards();
    }

    @Override
    public Optional<AutoSharding> autoSharding() {
        return node.autoSharding();
    }

    @Override
    public MessageSizeLimit maxMessageSize() {
        return node.maxMessageSize();
    }

    @Override
    public List<String> protocols() {
        return node.protocols();
    }

    @Override
    public Optional<Relay> relay() {
        return node.relay();
    }

    @Override
    public LightpushClient lightpush() {
        return node.lightpush();
    }

    @Override
    public FilterClient filter() {
        return node.filter();
    }

    @Override
    public Peers peers() {
        return node.peers();
    }

    @Override
    public Registration addEventListener(KernelEventListener listener) {
        return node.addEventListener(listener);
    }

    @Override
    public CompletableFuture<Void> start() {
        return node.start();
    }

    @Override
    public CompletableFuture<Void> stop() {
        return node.stop();
    }
}
