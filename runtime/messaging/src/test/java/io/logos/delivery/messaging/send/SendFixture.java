package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.NodeSettings;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.kernel.node.WakuNodeFactory;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.messaging.delivery.DeliveryThread;
import io.logos.delivery.testkit.time.Eventually;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Real kernel nodes on 127.0.0.1 (built through {@link WakuNodeFactory}, sharing one {@link MutableClock}), the
 * real delivery thread, the installed send strategies wrapped in an {@link AttemptLog}, and a recording event sink.
 * Rounds are run by the test on the delivery thread, so only the test moves time.
 */
final class SendFixture implements AutoCloseable {

    static final int CLUSTER = 66;
    static final ContentTopic TOPIC = ContentTopic.parse("/send-test/1/chat/proto");
    private static final long TIMEOUT_SECONDS = 20;

    final MutableClock clock;
    final RecordingEvents events = new RecordingEvents();
    final AttemptLog attempts = new AttemptLog();
    private final DeliveryThread thread = new DeliveryThread();
    private final List<WakuNode> nodes = new ArrayList<>();

    SendFixture() {
        this(Instant.now());
    }

    SendFixture(Instant start) {
        this.clock = new MutableClock(start);
    }

    /** A started node of one shard; relaying without services unless {@code adjust} says otherwise. */
    WakuNode start(UnaryOperator<NodeSettings.Builder> adjust) throws Exception {
        NodeSettings settings = adjust.apply(NodeSettings.builder(CLUSTER, 1)
                .listenAddresses(List.of("/ip4/127.0.0.1/tcp/0")).clock(clock)).build();
        WakuNode node = WakuNodeFactory.load().create(settings);
        nodes.add(node);
        node.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return node;
    }

    static String address(WakuNode node) {
        return node.listenAddresses().getFirst();
    }

    /** Connects the two relays and waits until {@code from} has a mesh peer on the shard. */
    void relayPeers(WakuNode from, WakuNode to) throws Exception {
        from.peers().connect(address(to)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Eventually.waitUntil(() -> from.relay().orElseThrow().health(from.shards().getFirst())
                != TopicHealth.UNHEALTHY, "a relay mesh forms");
    }

    MessagingOptions.Builder options() {
        return MessagingOptions.builder().clock(clock);
    }

    /** The send strategies installed on the module path, as the messaging layer builds its chain. */
    static List<SendProcessor> installedChain(WakuNode node) {
        return ServiceLoader.load(SendProcessorFactory.class, SendFixture.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(SendProcessorFactory::priority))
                .flatMap(factory -> factory.create(node).stream())
                .toList();
    }

    SendService service(WakuNode node, StoreClient store, MessagingOptions options) {
        return new SendService(attempts.record(installedChain(node)), store, options, events, thread);
    }

    SendService service(WakuNode node, MessagingOptions options) {
        return service(node, node.store(), options);
    }

    /** A message stamped now on {@link #TOPIC}, on the shard {@code node} maps it to. */
    OutgoingMessage message(WakuNode node, String payload, boolean ephemeral) {
        Instant now = clock.instant();
        WakuMessage message = WakuMessage.builder().contentTopic(TOPIC).ephemeral(ephemeral)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .timestamp(now.getEpochSecond() * 1_000_000_000L + now.getNano()).build();
        return OutgoingMessage.of(node.autoSharding().orElseThrow().pubsubTopicOf(TOPIC), message);
    }

    RequestId submit(SendService service, OutgoingMessage message) throws Exception {
        RequestId id = RequestId.random();
        onThread(() -> {
            service.submit(id, message);
            return null;
        });
        return id;
    }

    void round(SendService service) throws Exception {
        onThread(() -> {
            service.runRound();
            return null;
        });
    }

    /** Runs rounds until {@code condition} holds, checked on the delivery thread after each round. */
    void roundsUntil(SendService service, BooleanSupplier condition, String what) throws Exception {
        Eventually.waitUntil(() -> {
            try {
                return onThread(() -> {
                    service.runRound();
                    return condition.getAsBoolean();
                });
            } catch (Exception e) {
                throw new AssertionError("a round failed", e);
            }
        }, what);
    }

    /** {@link SendService#trackedCount()}, read on the delivery thread. */
    int tracked(SendService service) throws Exception {
        return onThread(service::trackedCount);
    }

    /** The delivery thread the services run on. */
    Executor thread() {
        return thread;
    }

    /** Runs {@code work} on the delivery thread and waits for it. */
    <T> T onThread(Supplier<T> work) throws Exception {
        return CompletableFuture.supplyAsync(work, thread).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until a store peer of {@code client} holds {@code hash}, with its data: a look-up by hash. */
    static void awaitStored(StoreClient client, MessageHash hash) throws InterruptedException {
        StoreQuery query = StoreQuery.builder().includeData(true).messageHashes(List.of(hash)).build();
        Eventually.waitUntil(() -> {
            StoreResponse response = client.queryToAny(query, 1).join();
            return response.succeeded() && response.messages().stream()
                    .anyMatch(stored -> stored.hash().equals(hash) && stored.message().isPresent());
        }, "a store holds " + hash);
    }

    @Override
    public void close() throws Exception {
        thread.close();
        for (WakuNode node : nodes) {
            node.stop().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
