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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Receives messages on the subscribed content topics — from relay (core) or filter service peers (edge) — emits
 * each once as {@code message:received}, and backfills from store after the node was offline, never otherwise.
 * With a state directory, the last time the node was online survives a restart: the restarted node backfills the
 * time it was down once it is online and has subscriptions. Every method runs on the delivery thread; the kernel's
 * callbacks hop onto it.
 */
public final class ReceiveService {

    /** How often the last online time is written while online: what a crash may lose of the gap to backfill. */
    static final Duration RECORD_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final SubscribedTopics subscribed;
    private final SeenMessages seen;
    private final IncomingMessages incoming;
    private final MessageSource source;
    private final OfflineWindow offline;
    private final StoreBackfill backfill;
    private final Duration margin;
    private final Optional<LastOnlineFile> lastOnline;
    /** After a restart, since when the node was down, until a backfill covered it. */
    private Optional<Instant> downSince;
    private boolean online;
    private Instant recorded = Instant.MIN;

    /**
     * @param node           a started node with autosharding
     * @param mode           {@link Mode#CORE} receives through the node's relay, {@link Mode#EDGE} through filter
     * @param options        the clock, dedup retention, backfill margin, number of filter peers, state directory
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
        this.margin = options.backfillMargin();
        this.lastOnline = options.stateDirectory().map(LastOnlineFile::new);
        this.downSince = lastOnline.flatMap(LastOnlineFile::read);
        downSince.ifPresent(offline::resumeFrom);
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
        if (online && downSince.isPresent()) {
            backfillIfSubscribed(new TimeWindow(downSince.get().minus(margin), clock.instant().plus(margin)));
        }
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
        if (online && !clock.instant().isBefore(recorded.plus(RECORD_INTERVAL))) {
            recordOnline();
        }
    }

    /** Backfills from store when the node comes back online after having been offline. */
    public void connectionStatusChanged(ConnectionStatus previous, ConnectionStatus current) {
        if (previous.online() && !current.online()) {
            recordOnline();
        }
        online = current.online();
        offline.statusChanged(previous, current, clock.instant()).ifPresent(this::backfillIfSubscribed);
    }

    /** Without subscriptions there is nothing to ask for; a restart's gap then waits for the first subscribe. */
    private void backfillIfSubscribed(TimeWindow window) {
        if (!subscribed.byShard().isEmpty()) {
            backfill.run(window);
            downSince = Optional.empty();
        }
    }

    private void recordOnline() {
        recorded = clock.instant();
        lastOnline.ifPresent(file -> file.write(recorded));
    }

    /** Stops listening and ends the filter subscriptions. */
    public void close() {
        if (online) {
            recordOnline();
        }
        incoming.close();
        backfill.close();
        source.close();
    }
}
