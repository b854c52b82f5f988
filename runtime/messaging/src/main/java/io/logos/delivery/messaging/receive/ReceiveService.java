package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.messaging.delivery.EventSink;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Receives messages on the subscribed content topics — from relay (core) or filter service peers (edge) — emits
 * each once as {@code message:received}, and backfills from store after the node was offline, never otherwise.
 * Every method runs on the delivery thread; the kernel's callbacks hop onto it.
 */
public final class ReceiveService {

    private final Clock clock;
    private final SubscribedTopics subscribed;
    private final SeenMessages seen;
    private final IncomingMessages incoming;
    private final MessageSource source;
    private final OfflineWindow offline;
    private final StoreBackfill backfill;

    /**
     * @param node           a started node with autosharding
     * @param mode           {@link Mode#CORE} receives through the node's relay, {@link Mode#EDGE} through filter
     * @param options        the clock, dedup retention, backfill margin and number of filter peers
     * @param events         receives {@code message:received}
     * @param deliveryThread the thread every method is called on, and that kernel callbacks must hop onto
     * @throws IllegalArgumentException when the node has no autosharding
     */
    public ReceiveService(WakuNode node, Mode mode, MessagingOptions options, EventSink events,
                          Executor deliveryThread) {
        Executor hop = quietOnceStopped(deliveryThread);
        AutoSharding sharding = node.autoSharding().orElseThrow(() -> new IllegalArgumentException(
                "receiving needs a node with autosharding, to know the shard of each content topic"));
        this.clock = options.clock();
        this.subscribed = new SubscribedTopics(sharding);
        this.seen = new SeenMessages(clock, options.dedupRetention());
        this.incoming = new IncomingMessages(subscribed, seen, events);
        this.source = switch (mode) {
            case CORE -> new RelayReception(node, incoming, hop);
            case EDGE -> new EdgeFilterSubscriptions(node, options.filterPeers(), clock, incoming, hop);
        };
        this.offline = new OfflineWindow(options.backfillMargin());
        this.backfill = new StoreBackfill(node.store(), subscribed::byShard, seen, incoming, hop);
    }

    /** Drops the kernel callbacks that arrive once the delivery thread is gone: nothing waits for them then. */
    private static Executor quietOnceStopped(Executor deliveryThread) {
        return task -> {
            try {
                deliveryThread.execute(task);
            } catch (RejectedExecutionException stopped) {
                // the layer stopped while the kernel was still answering
            }
        };
    }

    /** Starts listening: the relay listener in core mode, the peer events in edge mode. */
    public void start() {
        source.start();
    }

    /** Receives {@code topics} from now on (joining shards or making filter subscriptions). */
    public void subscribe(Set<ContentTopic> topics) {
        changeTopics(topics, subscribed::add);
    }

    /** Stops receiving {@code topics} (leaving shards joined for them, ending filter subscriptions). */
    public void unsubscribe(Set<ContentTopic> topics) {
        changeTopics(topics, subscribed::remove);
    }

    private void changeTopics(Set<ContentTopic> topics, Function<ContentTopic, Optional<PubsubTopic>> change) {
        Set<PubsubTopic> changedShards = new LinkedHashSet<>();
        topics.forEach(topic -> change.apply(topic).ifPresent(changedShards::add));
        changedShards.forEach(shard -> source.topicsChanged(shard, subscribed.on(shard)));
    }

    /** One service-loop round: keep the edge filter subscriptions on enough peers, forget old hashes. */
    public void runRound() {
        seen.prune();
        source.maintain();
    }

    /** Backfills from store when the node comes back online after having been offline. */
    public void connectionStatusChanged(ConnectionStatus previous, ConnectionStatus current) {
        offline.statusChanged(previous, current, clock.instant()).ifPresent(backfill::run);
    }

    /** Stops listening and ends the filter subscriptions. */
    public void close() {
        incoming.close();
        backfill.close();
        source.close();
    }
}
