package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A live filter subscription on one service peer. The client pings it to keep it alive and subscribes
 * again after a reconnect until {@link #unsubscribe()}.
 */
public interface FilterSubscription {

    PeerId service();

    PubsubTopic pubsubTopic();

    Set<ContentTopic> contentTopics();

    /** Unsubscribes these content topics at the service and stops delivering them. */
    CompletableFuture<Void> unsubscribe();
}
