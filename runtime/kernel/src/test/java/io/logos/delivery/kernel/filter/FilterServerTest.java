package io.logos.delivery.kernel.filter;

import static io.logos.delivery.kernel.filter.RawFilterRequests.request;
import static io.logos.delivery.kernel.filter.RawFilterRequests.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest.FilterSubscribeType;
import io.logos.delivery.kernel.proto.FilterSubscribeResponse;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MetricValues;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter service against hand-made requests over real connections: nwaku's semantics, codes and limits. */
class FilterServerTest {

    private static final String SHARD = "/waku/2/rs/1/0";
    private static final String TOPIC = "/app/1/chat/proto";
    private static final String OTHER_TOPIC = "/app/1/other/proto";

    private final TestHosts hosts = new TestHosts();
    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final KernelMetrics metrics = new KernelMetrics();
    private FilterServer server;
    private Host service;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop().get(10, TimeUnit.SECONDS);
        }
        hosts.stopAll();
        scheduler.shutdownNow();
    }

    private Host startService(FilterServerConfig config) throws Exception {
        service = hosts.start();
        server = new FilterServer(config, clock, scheduler, metrics);
        server.mount(service);
        return service;
    }

    private Host connectedPeer() throws Exception {
        Host peer = hosts.start();
        TestHosts.connect(peer, service);
        return peer;
    }

    private FilterSubscribeResponse subscribe(Host peer, String pubsubTopic, List<String> topics) throws Exception {
        return send(peer, service.peerId(), request(FilterSubscribeType.SUBSCRIBE, pubsubTopic, topics));
    }

    private FilterSubscribeResponse ping(Host peer) throws Exception {
        return send(peer, service.peerId(), request(FilterSubscribeType.SUBSCRIBER_PING));
    }

    private static ReceivedMessage message(String pubsubTopic, String contentTopic, String payload) {
        return ReceivedMessage.of(PubsubTopic.of(pubsubTopic), WakuMessage.builder().contentTopic(contentTopic)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).timestamp(1).build());
    }

    private static List<String> topics(int count) {
        return IntStream.range(0, count).mapToObj(i -> "/app/1/topic-" + i + "/proto").toList();
    }

    private static void assertStatus(int code, String description, FilterSubscribeResponse response) {
        assertEquals(code, response.getStatusCode(), response.toString());
        assertEquals(description, response.getStatusDesc());
    }

    @Test
    void subscribeAnswersOkWithTheRequestIdAndPushesMatchingMessagesOnly() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        PushRecorder pushes = PushRecorder.mount(client, true);

        var request = request(FilterSubscribeType.SUBSCRIBE, SHARD, List.of(TOPIC));
        FilterSubscribeResponse response = send(client, service.peerId(), request);
        assertEquals(request.getRequestId(), response.getRequestId());
        assertStatus(200, "OK", response);
        assertEquals(1, server.subscriberCount());
        assertEquals(1, server.criteriaCount(client.peerId()));

        server.onMessage(message(SHARD, OTHER_TOPIC, "other content topic"));
        server.onMessage(message("/waku/2/rs/1/1", TOPIC, "other pubsub topic"));
        ReceivedMessage wanted = message(SHARD, TOPIC, "wanted");
        server.onMessage(wanted);

        pushes.awaitMessages(1);
        assertEquals(List.of(wanted), pushes.messages());
    }

    @Test
    void theSameMessageIsPushedOnceWithinTheDedupTtlAndPushesShareOneStream() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        PushRecorder pushes = PushRecorder.mount(client, true);
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));

        ReceivedMessage first = message(SHARD, TOPIC, "first");
        ReceivedMessage second = message(SHARD, TOPIC, "second");
        server.onMessage(first);
        server.onMessage(first);
        server.onMessage(second);
        pushes.awaitMessages(2);
        assertEquals(List.of(first, second), pushes.messages());
        assertEquals(1, pushes.streams().size());

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertStatus(200, "OK", ping(client));
        server.onMessage(first);
        pushes.awaitMessages(3);
        assertEquals(first, pushes.messages().get(2));
    }

    @Test
    void aNewPushStreamIsOpenedWhenTheConnectionCameBack() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        PushRecorder pushes = PushRecorder.mount(client, true);
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));
        server.onMessage(message(SHARD, TOPIC, "before"));
        pushes.awaitMessages(1);

        client.connections(service.peerId()).forEach(Connection::close);
        Await.until(() -> service.connections(client.peerId()).isEmpty(), "the service saw the connection close");
        Await.until(() -> !pushes.streams().getFirst().isOpen(), "the push stream closed");
        server.onMessage(message(SHARD, TOPIC, "while away"));
        TestHosts.connect(client, service);
        Await.until(() -> !service.connections(client.peerId()).isEmpty(), "the service saw the new connection");
        server.onMessage(message(SHARD, TOPIC, "after"));

        pushes.awaitMessages(2);
        assertEquals("after", new String(pushes.messages().get(1).message().payload(), StandardCharsets.UTF_8));
        assertEquals(2, pushes.streams().size());
    }

    @Test
    void unsubscribeStopsPushesAndASecondOneIsNotFound() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        PushRecorder pushes = PushRecorder.mount(client, true);
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC, OTHER_TOPIC)));

        var unsubscribe = request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of(TOPIC));
        assertStatus(200, "OK", send(client, service.peerId(), unsubscribe));
        assertEquals(1, server.criteriaCount(client.peerId()));
        assertStatus(404, "NOT_FOUND: peer is not subscribed to " + TOPIC + " on " + SHARD,
                send(client, service.peerId(), request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of(TOPIC))));

        server.onMessage(message(SHARD, TOPIC, "unsubscribed"));
        server.onMessage(message(SHARD, OTHER_TOPIC, "still subscribed"));
        pushes.awaitMessages(1);
        assertEquals(OTHER_TOPIC, pushes.messages().getFirst().message().contentTopic());

        assertStatus(200, "OK", send(client, service.peerId(),
                request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of(OTHER_TOPIC))));
        assertEquals(0, server.subscriberCount(), "the last criterion gone, the subscriber is removed");
        assertStatus(404, "NOT_FOUND: peer has no subscriptions", send(client, service.peerId(),
                request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of(OTHER_TOPIC))));
    }

    @Test
    void anUnsubscribeWhoseAnswerIsNotReadStillTakesEffect() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));

        // js-waku sends UNSUBSCRIBE and closes the stream without reading the answer
        FramedStream stream = client.newFramedStream(service.peerId(), List.of(FilterProtocol.SUBSCRIBE_ID),
                FilterProtocol.MAX_RESPONSE_BYTES).get(10, TimeUnit.SECONDS);
        stream.write(request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of(TOPIC)).toByteArray())
                .get(10, TimeUnit.SECONDS);
        stream.close();

        Await.until(() -> server.subscriberCount() == 0, "the service has no subscriber left");
        assertStatus(404, "NOT_FOUND: peer has no subscriptions", ping(client));
    }

    @Test
    void unsubscribeAllRemovesTheSubscriberAndIsNotFoundWithoutOne() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));
        assertStatus(200, "OK", subscribe(client, "/waku/2/rs/1/1", List.of(TOPIC, OTHER_TOPIC)));
        assertEquals(3, server.criteriaCount());

        assertStatus(200, "OK", send(client, service.peerId(), request(FilterSubscribeType.UNSUBSCRIBE_ALL)));
        assertEquals(0, server.subscriberCount());
        assertEquals(0, server.criteriaCount());
        assertStatus(404, "NOT_FOUND: peer has no subscriptions",
                send(client, service.peerId(), request(FilterSubscribeType.UNSUBSCRIBE_ALL)));
    }

    @Test
    void pingAnswersOkOnlyToALiveSubscriber() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        assertStatus(404, "NOT_FOUND: peer has no subscriptions", ping(client));
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));
        assertStatus(200, "OK", ping(client));

        var absentType = send(client, service.peerId(), RawFilterRequests.request(FilterSubscribeType.SUBSCRIBER_PING)
                .toBuilder().clearFilterSubscribeType().build());
        assertStatus(200, "OK", absentType);
    }

    @Test
    void subscriptionsExpireAfterTheTtlUnlessRefreshed() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));

        clock.advance(Duration.ofMinutes(4));
        assertStatus(200, "OK", ping(client));
        clock.advance(Duration.ofMinutes(4));
        server.maintain();
        assertEquals(1, server.subscriberCount(), "the ping refreshed the subscription");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        server.maintain();
        assertEquals(0, server.subscriberCount());
        assertStatus(404, "NOT_FOUND: peer has no subscriptions", ping(client));
    }

    @Test
    void anExpiredSubscriberReceivesNothingEvenBeforeMaintenance() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host expired = connectedPeer();
        Host live = connectedPeer();
        PushRecorder expiredPushes = PushRecorder.mount(expired, true);
        PushRecorder livePushes = PushRecorder.mount(live, true);
        assertStatus(200, "OK", subscribe(expired, SHARD, List.of(TOPIC)));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertStatus(200, "OK", subscribe(live, SHARD, List.of(TOPIC)));

        server.onMessage(message(SHARD, TOPIC, "only for the live one"));
        livePushes.awaitMessages(1);
        assertTrue(expiredPushes.messages().isEmpty());
        assertTrue(expiredPushes.streams().isEmpty());
    }

    @Test
    void requestsWithoutTopicsOrWithTooManyAreBadRequests() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        String missing = "BAD_REQUEST: pubsubTopic and contentTopics must be specified";
        assertStatus(400, missing, subscribe(client, SHARD, List.of()));
        assertStatus(400, missing, send(client, service.peerId(), request(FilterSubscribeType.SUBSCRIBE).toBuilder()
                .addContentTopics(TOPIC).build()));
        assertStatus(400, "BAD_REQUEST: exceeds maximum content topics: 100", subscribe(client, SHARD, topics(101)));
        assertStatus(400, missing, send(client, service.peerId(),
                request(FilterSubscribeType.UNSUBSCRIBE, SHARD, List.of())));
        assertStatus(200, "OK", subscribe(client, SHARD, topics(100)));
        assertEquals(100, server.criteriaCount(client.peerId()));
    }

    @Test
    void aNewPeerBeyondTheMaximumIsRefusedWhileKnownPeersAreStillServed() throws Exception {
        startService(FilterServerConfig.DEFAULT.withMaxPeersToServe(1));
        Host first = connectedPeer();
        Host second = connectedPeer();
        assertStatus(200, "OK", subscribe(first, SHARD, List.of(TOPIC)));
        assertStatus(503, "SERVICE_UNAVAILABLE: node has reached maximum number of subscriptions: 1",
                subscribe(second, SHARD, List.of(TOPIC)));
        assertStatus(200, "OK", subscribe(first, SHARD, List.of(OTHER_TOPIC)));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertStatus(200, "OK", subscribe(second, SHARD, List.of(TOPIC)));
        assertEquals(1, server.subscriberCount(), "the expired subscriber made room");
    }

    @Test
    void criteriaBeyondThePerPeerMaximumAreRefused() throws Exception {
        startService(FilterServerConfig.DEFAULT.withMaxCriteriaPerPeer(3));
        Host client = connectedPeer();
        String full = "SERVICE_UNAVAILABLE: peer has reached maximum number of filter criteria";
        assertStatus(503, full, subscribe(client, SHARD, topics(4)));
        assertStatus(200, "OK", subscribe(client, SHARD, topics(2)));
        assertStatus(503, full, subscribe(client, SHARD, topics(4)));
        assertStatus(200, "OK", subscribe(client, SHARD, topics(3)));
        assertStatus(200, "OK", subscribe(client, SHARD, topics(3)));
        assertEquals(3, server.criteriaCount(client.peerId()));
    }

    @Test
    void aFloodingPeerIsRateLimitedWhileAnotherIsServed() throws Exception {
        startService(FilterServerConfig.DEFAULT.withRateLimit(new RateLimit(3, Duration.ofMinutes(1))));
        Host flooder = connectedPeer();
        Host other = connectedPeer();
        for (int i = 0; i < 3; i++) {
            assertEquals(404, ping(flooder).getStatusCode());
        }
        FilterSubscribeResponse limited = subscribe(flooder, SHARD, List.of(TOPIC));
        assertEquals("N/A", limited.getRequestId());
        assertStatus(429, "filter request rejected due rate limit exceeded", limited);
        assertEquals(0, server.subscriberCount());

        assertStatus(200, "OK", subscribe(other, SHARD, List.of(TOPIC)));

        clock.advance(Duration.ofMinutes(1));
        server.maintain();
        assertStatus(200, "OK", subscribe(flooder, SHARD, List.of(TOPIC)));

        String subscribe = FilterProtocol.SUBSCRIBE_ID;
        assertEquals(5, MetricValues.value(metrics.source(), "waku_service_requests", subscribe, "served"));
        assertEquals(1, MetricValues.value(metrics.source(), "waku_service_requests", subscribe, "rejected"));
        assertEquals(3, MetricValues.value(metrics.source(), "waku_filter_requests", "SUBSCRIBER_PING"));
        assertEquals(2, MetricValues.value(metrics.source(), "waku_filter_requests", "SUBSCRIBE"));
        assertEquals(Map.of(PeerIds.toApi(other.peerId()), Set.of(new Criterion(SHARD, TOPIC)),
                PeerIds.toApi(flooder.peerId()), Set.of(new Criterion(SHARD, TOPIC))), server.subscriptions());
    }

    @Test
    void anUndecodableOrOversizedRequestClosesTheStreamWithoutAnAnswer() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host bad = connectedPeer();
        Host good = connectedPeer();
        assertEquals(Optional.empty(), RawFilterRequests.sendBytes(bad, service.peerId(), new byte[] {(byte) 0xff, 1}));
        byte[] noRequestId = request(FilterSubscribeType.SUBSCRIBER_PING).toBuilder().clearRequestId().build()
                .toByteArray();
        assertEquals(Optional.empty(), RawFilterRequests.sendBytes(bad, service.peerId(), noRequestId));
        assertEquals(Optional.empty(), RawFilterRequests.sendBytes(bad, service.peerId(),
                new byte[FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES + 1]));

        assertStatus(200, "OK", subscribe(good, SHARD, List.of(TOPIC)));
        assertEquals(404, ping(bad).getStatusCode(), "the misbehaving peer's connection still works");
    }

    @Test
    void anUnknownRequestTypeIsABadRequest() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        FilterSubscribeResponse response = send(client, service.peerId(),
                request(FilterSubscribeType.SUBSCRIBE, SHARD, List.of(TOPIC)).toBuilder()
                        .setFilterSubscribeTypeValue(7).build());
        assertStatus(400, "BAD_REQUEST: unknown filter_subscribe_type 7", response);
    }

    @Test
    void pushesOnlyToSubscribersStillConnected() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host gone = connectedPeer();
        Host staying = connectedPeer();
        PushRecorder gonePushes = PushRecorder.mount(gone, true);
        PushRecorder stayingPushes = PushRecorder.mount(staying, true);
        assertStatus(200, "OK", subscribe(gone, SHARD, List.of(TOPIC)));
        assertStatus(200, "OK", subscribe(staying, SHARD, List.of(TOPIC)));
        gone.connections(service.peerId()).forEach(Connection::close);
        Await.until(() -> service.connections(gone.peerId()).isEmpty(), "the service saw the connection close");

        server.onMessage(message(SHARD, TOPIC, "for those connected"));
        stayingPushes.awaitMessages(1);
        assertTrue(gonePushes.streams().isEmpty());
        assertEquals(2, server.subscriberCount(), "a disconnected subscriber keeps its subscription until it expires");
    }

    @Test
    void aSlowSubscriberLosesPushesWithoutHoldingUpOthers() throws Exception {
        startService(FilterServerConfig.DEFAULT.withPushQueueCapacity(2));
        Host slow = connectedPeer();
        Host fast = connectedPeer();
        PushRecorder slowPushes = PushRecorder.mount(slow, false);
        PushRecorder fastPushes = PushRecorder.mount(fast, true);
        assertStatus(200, "OK", subscribe(slow, SHARD, List.of(TOPIC)));
        assertStatus(200, "OK", subscribe(fast, SHARD, List.of(TOPIC)));

        // 100 KiB payloads: the slow subscriber's stream window (256 KiB) fills after a few, then its
        // queue of two; the fast one gets each message before the next is relayed
        int sent = 8;
        for (int i = 0; i < sent; i++) {
            server.onMessage(ReceivedMessage.of(PubsubTopic.of(SHARD), WakuMessage.builder().contentTopic(TOPIC)
                    .payload(new byte[100 * 1024]).timestamp(i + 1).build()));
            int expected = i + 1;
            fastPushes.awaitMessages(expected);
        }

        assertTrue(server.droppedPushCount() > 0, "pushes to the slow subscriber were dropped");
        assertTrue(server.droppedPushCount() <= sent - 2);
        assertEquals(1, slowPushes.streams().size());
    }

    @Test
    void stopClosesPushStreamsAndStopsServing() throws Exception {
        startService(FilterServerConfig.DEFAULT);
        Host client = connectedPeer();
        PushRecorder pushes = PushRecorder.mount(client, true);
        assertStatus(200, "OK", subscribe(client, SHARD, List.of(TOPIC)));
        server.onMessage(message(SHARD, TOPIC, "before stop"));
        pushes.awaitMessages(1);
        FramedStream pushStream = pushes.streams().getFirst();

        server.stop().get(10, TimeUnit.SECONDS);
        pushStream.closeFuture().get(10, TimeUnit.SECONDS);
        assertTrue(!service.protocols().contains(FilterProtocol.SUBSCRIBE_ID));
        server.onMessage(message(SHARD, TOPIC, "after stop"));
        assertEquals(1, pushes.messages().size());
    }
}
