package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Receives messages through a filter service peer (filter v2) instead of relaying. */
public interface FilterClient {

    /**
     * Subscribes to {@code contentTopics} on {@code pubsubTopic} at {@code service}, or at a service peer
     * the peer manager picks when empty; pushed messages that match go to {@code listener}, once per
     * message hash. Fails with {@link FilterException} when the service refuses.
     */
    CompletableFuture<FilterSubscription> subscribe(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics,
                                                    MessageListener listener, Optional<PeerId> service);

    /** Ends every subscription at {@code service}. */
    CompletableFuture<Void> unsubscribeAll(PeerId service);

    /** Asks {@code service} whether it still holds our subscriptions; fails with the status when not. */
    CompletableFuture<Void> ping(PeerId service);
}
