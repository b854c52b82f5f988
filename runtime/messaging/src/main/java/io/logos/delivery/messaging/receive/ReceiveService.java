package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.messaging.EventSink;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Receives messages on the subscribed content topics — from relay (core) or filter service peers (edge) — emits
 * each once, and backfills from store after the node was offline. CONTRACT ONLY: being implemented.
 */
public final class ReceiveService {

    /** @param deliveryThread the thread every method is called on, and that kernel callbacks must hop onto */
    public ReceiveService(WakuNode node, Mode mode, MessagingOptions options, EventSink events,
                          Executor deliveryThread) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Starts listening (the relay listener in core mode). */
    public void start() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Receives {@code topics} from now on (joining shards or making filter subscriptions). */
    public void subscribe(Set<ContentTopic> topics) {
        throw new UnsupportedOperationException("being implemented");
    }

    public void unsubscribe(Set<ContentTopic> topics) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** One service-loop round: keep the edge filter subscriptions on enough peers, forget old hashes. */
    public void runRound() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Backfills from store when the node comes back online after having been offline. */
    public void connectionStatusChanged(ConnectionStatus previous, ConnectionStatus current) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Stops listening and ends the filter subscriptions. */
    public void close() {
        throw new UnsupportedOperationException("being implemented");
    }
}
