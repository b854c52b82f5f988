package io.logos.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.AutoSubscribePolicy;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.InvalidEnvelopeException;
import io.logos.delivery.api.messaging.MessageEnvelope;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.api.messaging.MessagingEvent.ConnectionStatusChanged;
import io.logos.delivery.api.messaging.MessagingEvent.MessagePropagated;
import io.logos.delivery.api.messaging.MessagingEvent.MessageReceived;
import io.logos.delivery.api.messaging.MessagingEvent.MessageSent;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.api.messaging.NodeOverrides;
import io.logos.delivery.api.messaging.Preset;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.api.messaging.SubscriptionException;
import io.logos.delivery.testkit.time.Eventually;
import io.logos.delivery.messaging.testing.TestNodes;
import io.logos.delivery.testkit.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messaging API end to end among real Java nodes on loopback, through {@link MessagingApi} only: edge nodes
 * built by {@link MessagingApi#create}, a core node attached with {@link MessagingApi#over}, kernel service nodes
 * in between, one clock for all.
 */
class MessagingApiEndToEndTest {

    private static final String TOPIC = "/e2e/1/chat/proto";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final MessagingOptions options = MessagingOptions.builder().clock(clock)
            .serviceLoopInterval(Duration.ofMillis(20)).build();
    private final TestNodes nodes = new TestNodes(1, clock);
    private final List<MessagingApi> layers = new ArrayList<>();
    private WakuNode store;

    /** A service node with a store, and a relay peer so that its light push service can relay. */
    @BeforeEach
    void startStoreNode() throws Exception {
        store = nodes.service();
        TestNodes.connect(nodes.relay(), store);
    }

    @AfterEach
    void stop() throws Exception {
        layers.reversed().forEach(MessagingApi::close);
        nodes.close();
    }

    @Test
    void anEdgeSendersMessageIsPropagatedThenConfirmedAndReachesAnEdgeReceiverOnce() throws Exception {
        Recorded sender = edge(store, store);
        Recorded receiver = edge(store, store);
        receiver.api.subscribe(List.of(TOPIC));
        awaitDelivery(sender, receiver);

        RequestId id = sender.api.send(envelope("hello"));
        MessageHash hash = sender.awaitEvent(MessagePropagated.class, id).hash();
        assertTrue(sender.sendEventsOf(id).stream().noneMatch(MessageSent.class::isInstance),
                "confirmed before the store was asked");
        clock.advance(options.archiveTime().plusSeconds(1));
        assertEquals(hash, sender.awaitEvent(MessageSent.class, id).hash());
        assertEquals(List.of(MessagePropagated.class, MessageSent.class),
                sender.sendEventsOf(id).stream().map(Object::getClass).toList());

        receiver.awaitReceived(hash);
        assertEquals("hello", new String(receiver.received(hash).message().payload(), StandardCharsets.UTF_8));
        assertEquals(List.of(ConnectionStatus.PARTIALLY_CONNECTED), receiver.statuses(),
                "one service node: online without redundancy");
    }

    @Test
    void aCoreSenderWithoutRelayPeersFallsBackToLightPush() throws Exception {
        WakuNode lonely = nodes.start(settings -> settings.lightpushNodes(List.of(store.listenAddresses().getFirst())));
        Recorded sender = record(MessagingApi.over(lonely, options));
        sender.api.start().join();
        assertEquals(Mode.CORE, sender.api.mode());
        assertTrue(lonely.peers().connected().isEmpty(), "no relay peer to publish to");

        RequestId id = sender.api.send(envelope("through light push"));
        MessageHash hash = sender.awaitEvent(MessagePropagated.class, id).hash();
        clock.advance(options.archiveTime().plusSeconds(1));
        assertEquals(hash, sender.awaitEvent(MessageSent.class, id).hash(), "the service relayed and stored it");
    }

    @Test
    void aReceiverThatWasOfflineGetsWhatItMissedFromTheStoreExactlyOnce() throws Exception {
        WakuNode firstService = serviceNextTo(store);
        Recorded sender = edge(store, store);
        Recorded receiver = edge(firstService, store);
        receiver.api.subscribe(List.of(TOPIC));
        awaitDelivery(sender, receiver);
        MessageHash before = sender.sendAndAwaitPropagated(envelope("before"));
        receiver.awaitReceived(before);

        nodes.stop(firstService);
        receiver.awaitStatus(ConnectionStatus.DISCONNECTED);
        List<MessageHash> missed = new ArrayList<>();
        for (String text : List.of("missed 1", "missed 2", "missed 3")) {
            clock.advance(Duration.ofMillis(10));
            missed.add(sender.sendAndAwaitPropagated(envelope(text)));
        }

        WakuNode secondService = serviceNextTo(store);
        TestNodes.connect(receiver.api.kernel(), secondService);
        receiver.awaitStatus(ConnectionStatus.PARTIALLY_CONNECTED);
        missed.forEach(receiver::awaitReceived);
        MessageHash after = sender.sendAndAwaitPropagated(envelope("after"));
        receiver.awaitReceived(after);

        Map<MessageHash, Long> counts = receiver.receivedCounts();
        assertTrue(counts.values().stream().allMatch(count -> count == 1), "received more than once: " + counts);
        assertEquals(List.of("before", "missed 1", "missed 2", "missed 3", "after"), receiver.receivedPayloads()
                .stream().filter(text -> !text.startsWith("probe")).toList());
    }

    @Test
    void envelopesAndTopicsThatCanNeverBeSentAreRefusedAtOnce() throws Exception {
        MessagingApi notStarted = MessagingApi.create(Preset.LOCAL, Mode.EDGE, overrides(store, store).build(),
                options);
        layers.add(notStarted);
        assertThrows(IllegalStateException.class, () -> notStarted.send(envelope("early")));

        MessagingApi api = edge(store, store).api;
        InvalidEnvelopeException malformed = assertThrows(InvalidEnvelopeException.class,
                () -> api.send(MessageEnvelope.of("chat", new byte[1])));
        assertTrue(malformed.getMessage().startsWith("invalid content topic 'chat'"), malformed.getMessage());
        InvalidEnvelopeException oversized = assertThrows(InvalidEnvelopeException.class,
                () -> api.send(MessageEnvelope.of(TOPIC, new byte[api.kernel().maxMessageSize().bytes()])));
        assertTrue(oversized.getMessage().contains("more than the 153600 bytes the network accepts"),
                oversized.getMessage());
        InvalidEnvelopeException bigMeta = assertThrows(InvalidEnvelopeException.class,
                () -> api.send(new MessageEnvelope(TOPIC, new byte[1], false, new byte[65])));
        assertTrue(bigMeta.getMessage().contains("meta"), bigMeta.getMessage());

        SubscriptionException refused = assertThrows(SubscriptionException.class,
                () -> api.subscribe(List.of(TOPIC, "/no-encoding/1/x")));
        assertEquals(List.of("/no-encoding/1/x"), refused.errors().stream().map(e -> e.contentTopic()).toList());
        assertEquals(List.of(TOPIC), api.subscriptions(), "the valid topic of the call was subscribed");
        SubscriptionException notSubscribed = assertThrows(SubscriptionException.class,
                () -> api.unsubscribe(List.of("/other/1/x/proto")));
        assertEquals("not subscribed", notSubscribed.errors().getFirst().error());
    }

    @Test
    void theFirstSendOnATopicSubscribesToItUnlessThePolicySaysNo() throws Exception {
        MessagingApi subscribing = edge(store, store).api;
        subscribing.send(envelope("first"));
        assertEquals(List.of(TOPIC), subscribing.subscriptions());

        MessagingApi publishOnly = MessagingApi.create(Preset.LOCAL, Mode.EDGE, overrides(store, store).build(),
                options.toBuilder().autoSubscribe(AutoSubscribePolicy.NEVER).build());
        layers.add(publishOnly);
        publishOnly.start().join();
        publishOnly.send(envelope("first"));
        assertEquals(List.of(), publishOnly.subscriptions());
    }

    @Test
    void nodeInfoAnswersTheAdvertisedIdsAsJson() throws Exception {
        MessagingApi api = edge(store, store).api;
        assertEquals(List.of("version", "my_peer_id", "my_enr", "listen_addresses", "mode", "connection_status",
                "subscriptions"), api.nodeInfoIds());
        assertEquals("\"" + api.kernel().enrUri().orElseThrow() + "\"", api.nodeInfo("my_enr"));
        assertEquals("\"" + api.kernel().peerId() + "\"", api.nodeInfo("my_peer_id"));
        assertEquals("\"edge\"", api.nodeInfo("mode"));
        assertEquals("[\"" + api.kernel().listenAddresses().getFirst() + "\"]", api.nodeInfo("listen_addresses"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> api.nodeInfo("metrics"));
        assertTrue(unknown.getMessage().startsWith("unknown node info id 'metrics'"), unknown.getMessage());
    }

    @Test
    void aRestartedReceiverBackfillsTheTimeItWasDown(@TempDir Path data) throws Exception {
        Recorded sender = edge(store, store);
        Recorded first = edge(store, store, data);
        first.api.subscribe(List.of(TOPIC));
        awaitDelivery(sender, first);
        first.api.close();

        List<MessageHash> missed = new ArrayList<>();
        for (String text : List.of("while down 1", "while down 2")) {
            clock.advance(Duration.ofSeconds(1));
            missed.add(sender.sendAndAwaitPropagated(envelope(text)));
        }
        Recorded restarted = edge(store, store, data);
        restarted.api.subscribe(List.of(TOPIC));
        missed.forEach(restarted::awaitReceived);

        Recorded fresh = edge(store, store);
        fresh.api.subscribe(List.of(TOPIC));
        awaitDelivery(sender, fresh);
        assertTrue(fresh.receivedPayloads().stream().noneMatch(text -> text.startsWith("while down")),
                "a node without a previous run backfills nothing");
    }

    /** Another service node (light push, filter, store), on the relay mesh with {@code neighbour}. */
    private WakuNode serviceNextTo(WakuNode neighbour) throws Exception {
        WakuNode service = nodes.start(settings -> settings.services(true, true).archive("memory://")
                .staticNodes(List.of(neighbour.listenAddresses().getFirst())));
        TestNodes.awaitMesh(service, service.shards().getFirst());
        return service;
    }

    /**
     * Sends a probe a second until the receiver gets one: its filter subscription is then in place at the service
     * node (a probe pushed before that is not delivered, and not backfilled either: the receiver was online).
     */
    private static void awaitDelivery(Recorded sender, Recorded receiver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long nextProbe = 0;
        while (receiver.receivedPayloads().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no probe reached the receiver within 30 s");
            }
            if (System.nanoTime() >= nextProbe) {
                sender.api.send(envelope("probe " + System.nanoTime()));
                nextProbe = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            Thread.sleep(10);
        }
    }

    private Recorded edge(WakuNode entry, WakuNode storeNode) {
        return start(overrides(entry, storeNode).build());
    }

    /** An edge node keeping its state (the last time it was online) in {@code data}. */
    private Recorded edge(WakuNode entry, WakuNode storeNode, Path data) {
        return start(overrides(entry, storeNode).dataDirectory(data).build());
    }

    private Recorded start(NodeOverrides overrides) {
        Recorded edge = record(MessagingApi.create(Preset.LOCAL, Mode.EDGE, overrides, options));
        edge.api.start().join();
        return edge;
    }

    private static NodeOverrides.Builder overrides(WakuNode entry, WakuNode storeNode) {
        return NodeOverrides.builder().clusterId(TestNodes.CLUSTER).numShards(1)
                .listenAddress("/ip4/127.0.0.1/tcp/0").entryNode(entry.listenAddresses().getFirst())
                .storeNode(storeNode.listenAddresses().getFirst());
    }

    private Recorded record(MessagingApi api) {
        layers.add(api);
        Recorded recorded = new Recorded(api);
        api.addListener(recorded.events::add);
        return recorded;
    }

    private static MessageEnvelope envelope(String text) {
        return MessageEnvelope.of(TOPIC, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A messaging layer and every event it emitted, in order. */
    private record Recorded(MessagingApi api, List<MessagingEvent> events) {

        Recorded(MessagingApi api) {
            this(api, new CopyOnWriteArrayList<>());
        }

        <E extends MessagingEvent> E awaitEvent(Class<E> type, RequestId id) throws InterruptedException {
            Eventually.waitUntil(() -> sendEventsOf(id).stream().anyMatch(type::isInstance), type.getSimpleName());
            return type.cast(sendEventsOf(id).stream().filter(type::isInstance).findFirst().orElseThrow());
        }

        List<MessagingEvent> sendEventsOf(RequestId id) {
            return events.stream().filter(event -> switch (event) {
                case MessagePropagated e -> e.requestId().equals(id);
                case MessageSent e -> e.requestId().equals(id);
                case MessagingEvent.MessageSendError e -> e.requestId().equals(id);
                default -> false;
            }).toList();
        }

        MessageHash sendAndAwaitPropagated(MessageEnvelope envelope) throws InterruptedException {
            return awaitEvent(MessagePropagated.class, api.send(envelope)).hash();
        }

        void awaitReceived(MessageHash hash) {
            try {
                Eventually.waitUntil(() -> receivedCounts().containsKey(hash), "message " + hash);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        MessageReceived received(MessageHash hash) {
            return receivedEvents().stream().filter(e -> e.hash().equals(hash)).findFirst().orElseThrow();
        }

        List<MessageReceived> receivedEvents() {
            return events.stream().filter(MessageReceived.class::isInstance).map(MessageReceived.class::cast).toList();
        }

        Map<MessageHash, Long> receivedCounts() {
            return receivedEvents().stream().collect(Collectors.groupingBy(MessageReceived::hash,
                    Collectors.counting()));
        }

        List<String> receivedPayloads() {
            return receivedEvents().stream()
                    .map(e -> new String(e.message().payload(), StandardCharsets.UTF_8)).toList();
        }

        List<ConnectionStatus> statuses() {
            return events.stream().filter(ConnectionStatusChanged.class::isInstance)
                    .map(e -> ((ConnectionStatusChanged) e).status()).toList();
        }

        void awaitStatus(ConnectionStatus status) throws InterruptedException {
            Eventually.waitUntil(() -> api.connectionStatus() == status, "status " + status);
        }
    }
}
