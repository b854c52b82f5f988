package io.logos.delivery.kernel.lightpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRPC;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushResponse;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MetricValues;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The light push service over real hosts: every answer of v3 and of the legacy protocol. */
class LightpushServerTest {

    static final AutoSharding SHARDING = new AutoSharding(1, 8);
    static final MessageSizeLimit MAX = new MessageSizeLimit(1024);
    static final PubsubTopic SHARD_0 = PubsubTopic.of("/waku/2/rs/1/0");
    static final ContentTopic CONTENT = ContentTopic.parse("/toychat/2/huilong/proto");

    private final TestHosts hosts = new TestHosts();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService concurrently = Executors.newVirtualThreadPerTaskExecutor();
    private final MutableClock clock = new MutableClock();
    private final KernelMetrics metrics = new KernelMetrics();
    private Host service;
    private Host client;
    private RawLightpush raw;
    private RecordingRelay relay;
    private LightpushServer server;

    @BeforeEach
    void start() throws Exception {
        service = hosts.start();
        client = hosts.start();
        relay = new RecordingRelay(Optional.of(SHARDING), allShards());
        server = serve(relay, RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, clock), Duration.ofSeconds(10));
        TestHosts.connect(client, service);
        raw = new RawLightpush(client, service.peerId());
    }

    @AfterEach
    void stop() throws Exception {
        hosts.stopAll();
        scheduler.shutdownNow();
        concurrently.shutdownNow();
    }

    private static PubsubTopic[] allShards() {
        return IntStream.range(0, SHARDING.shardCount())
                .mapToObj(shard -> new RelayShard(SHARDING.clusterId(), shard).toPubsubTopic())
                .toArray(PubsubTopic[]::new);
    }

    private LightpushServer serve(RecordingRelay publisher, RequestRateLimiter<PeerId> limiter, Duration readTimeout) {
        LightpushServer lightpush = new LightpushServer(publisher, MAX, limiter, scheduler, readTimeout, metrics);
        lightpush.mount(service);
        return lightpush;
    }

    static WakuMessage message(String text) {
        return WakuMessage.builder()
                .payload(text.getBytes(StandardCharsets.UTF_8))
                .contentTopic(CONTENT)
                .timestamp(1_700_000_000_000_000_000L)
                .build();
    }

    private static LightpushRequest request(String id, WakuMessage message) {
        return RawLightpush.v3Request(id, SHARD_0.value(), message);
    }

    private static void assertAnswer(LightpushResponse response, String requestId, int code, String description) {
        assertEquals(requestId, response.getRequestId(), "request id");
        assertEquals(code, response.getStatusCode(), () -> "status of " + response);
        assertEquals(description, response.getStatusDesc(), "status description");
    }

    // ---- v3 ----

    @Test
    void publishesWithRelayAndAnswersSuccessWithThePeerCount() throws Exception {
        LightpushResponse response = raw.v3(request("req-1", message("hello")));

        assertEquals("req-1", response.getRequestId());
        assertEquals(LightpushResult.SUCCESS, response.getStatusCode());
        assertEquals(3, response.getRelayPeerCount());
        assertFalse(response.hasStatusDesc());
        assertEquals(List.of(new RecordingRelay.Publish(SHARD_0, message("hello"))), relay.published());
    }

    @Test
    void mountsBothVersions() throws Exception {
        assertTrue(service.protocols().containsAll(List.of(LightpushProtocols.V3, LightpushProtocols.LEGACY)),
                service.protocols()::toString);
    }

    @Test
    void relayOutcomesBecomeStatusCodes() throws Exception {
        relay.answer(PublishOutcome.Status.NO_PEERS_TO_PUBLISH, 0, null);
        assertAnswer(raw.v3(request("a", message("a"))), "a", 505, "No peers for topic, skipping publish");

        relay.answer(PublishOutcome.Status.DUPLICATE, 0, null);
        assertAnswer(raw.v3(request("b", message("b"))), "b", 420, "Dropping already-seen message");

        relay.answer(PublishOutcome.Status.INVALID, 0, "RLN validation failed");
        assertAnswer(raw.v3(request("c", message("c"))), "c", 420, "RLN validation failed");

        relay.answer(publish -> CompletableFuture.failedFuture(new IllegalStateException("gossipsub is down")));
        LightpushResponse failed = raw.v3(request("d", message("d")));
        assertEquals(500, failed.getStatusCode());
        assertTrue(failed.getStatusDesc().contains("gossipsub is down"), failed::getStatusDesc);

        relay.answer(publish -> {
            throw new IllegalStateException("relay threw");
        });
        LightpushResponse thrown = raw.v3(request("e", message("e")));
        assertEquals(500, thrown.getStatusCode());
        assertTrue(thrown.getStatusDesc().contains("relay threw"), thrown::getStatusDesc);

        assertEquals(5, MetricValues.value(metrics.source(), "waku_lightpush_v3_messages", "PushRequest"));
        assertEquals(1, MetricValues.value(metrics.source(), "waku_lightpush_v3_errors", "505"));
        assertEquals(2, MetricValues.value(metrics.source(), "waku_lightpush_v3_errors", "420"));
        assertEquals(2, MetricValues.value(metrics.source(), "waku_lightpush_v3_errors", "500"));
    }

    @Test
    void undecodableRequestsAre400() throws Exception {
        LightpushResponse garbage = raw.v3(new byte[] {(byte) 0xff, 0x01, 0x02, 0x03});
        assertEquals("N/A", garbage.getRequestId());
        assertEquals(400, garbage.getStatusCode());
        assertTrue(garbage.getStatusDesc().startsWith("decode_rpc_failure: "), garbage::getStatusDesc);

        LightpushRequest withoutId = request("x", message("m")).toBuilder().clearRequestId().build();
        assertAnswer(raw.v3(withoutId), "N/A", 400, "decode_rpc_failure: missing required field request_id (1)");

        LightpushRequest withoutMessage = request("y", message("m")).toBuilder().clearMessage().build();
        assertAnswer(raw.v3(withoutMessage), "y", 400, "decode_rpc_failure: missing required field message (21)");

        LightpushRequest emptyTopic = RawLightpush.v3Request("z", "", message("m"));
        assertAnswer(raw.v3(emptyTopic), "z", 400, "topic must not be empty");

        LightpushResponse malformedShard = raw.v3(RawLightpush.v3Request("w", "/waku/2/rs/x/1", message("m")));
        assertEquals(400, malformedShard.getStatusCode());
        assertTrue(relay.published().isEmpty());
        // three requests could not be read; two were read and refused
        assertEquals(5, MetricValues.value(metrics.source(), "waku_lightpush_v3_errors", "400"));
        assertEquals(2, MetricValues.value(metrics.source(), "waku_lightpush_v3_messages", "PushRequest"));
    }

    @Test
    void malformedMessagesAre420WithTheCodecsReason() throws Exception {
        byte[] noContentTopic = io.logos.delivery.kernel.proto.WakuMessage.newBuilder()
                .setPayload(ByteString.copyFromUtf8("p")).build().toByteArray();
        LightpushResponse missing = raw.v3(request("a", message("m")).toBuilder()
                .setMessage(ByteString.copyFrom(noContentTopic)).build());
        assertAnswer(missing, "a", 420, "malformed WakuMessage: missing required field content_topic (2)");

        byte[] longMeta = io.logos.delivery.kernel.proto.WakuMessage.newBuilder()
                .setPayload(ByteString.copyFromUtf8("p")).setContentTopic(CONTENT.value())
                .setMeta(ByteString.copyFrom(new byte[65])).build().toByteArray();
        LightpushResponse meta = raw.v3(request("b", message("m")).toBuilder()
                .setMessage(ByteString.copyFrom(longMeta)).build());
        assertEquals(420, meta.getStatusCode());
        assertTrue(meta.getStatusDesc().contains("meta (11) is 65 bytes"), meta::getStatusDesc);
        assertTrue(relay.published().isEmpty());
    }

    @Test
    void oversizedMessageIs413() throws Exception {
        WakuMessage big = message("x".repeat(MAX.bytes()));
        LightpushResponse response = raw.v3(request("big", big));
        assertEquals("big", response.getRequestId());
        assertEquals(413, response.getStatusCode());
        assertTrue(response.getStatusDesc().contains("larger than the limit of 1024 bytes"), response::getStatusDesc);
        assertTrue(relay.published().isEmpty());
    }

    @Test
    void oversizedFrameIs413WithoutBeingRead() throws Exception {
        byte[] frame = new byte[MAX.bytes() + LightpushServer.REQUEST_ENVELOPE_BYTES + 1];
        LightpushResponse response = raw.v3(frame);
        assertEquals("N/A", response.getRequestId());
        assertEquals(413, response.getStatusCode());
        assertTrue(relay.published().isEmpty());
        // the connection survives for the next request
        assertEquals(200, raw.v3(request("next", message("m"))).getStatusCode());
    }

    @Test
    void pubsubTopicsThisNodeDoesNotServeAre421() throws Exception {
        LightpushResponse otherCluster = raw.v3(RawLightpush.v3Request("a", "/waku/2/rs/2/0", message("m")));
        assertEquals(421, otherCluster.getStatusCode());
        assertTrue(otherCluster.getStatusDesc().contains("/waku/2/rs/2/0"), otherCluster::getStatusDesc);

        LightpushResponse otherShard = raw.v3(RawLightpush.v3Request("b", "/waku/2/rs/1/9", message("m")));
        assertEquals(421, otherShard.getStatusCode());

        LightpushResponse named = raw.v3(RawLightpush.v3Request("c", "/waku/2/default-waku/proto", message("m")));
        assertEquals(421, named.getStatusCode());
        assertTrue(relay.published().isEmpty());
    }

    @Test
    void withoutPubsubTopicAutoshardingChoosesTheShard() throws Exception {
        LightpushRequest request = request("auto", message("m")).toBuilder().clearPubsubTopic().build();

        LightpushResponse response = raw.v3(request);

        assertEquals(200, response.getStatusCode(), response::toString);
        assertEquals(SHARDING.pubsubTopicOf(CONTENT), relay.published().getFirst().topic());
    }

    @Test
    void withoutPubsubTopicAnInvalidContentTopicIs420() throws Exception {
        WakuMessage badTopic = WakuMessage.builder().payload(new byte[] {1}).contentTopic("no-slash").build();
        LightpushRequest request = request("bad", badTopic).toBuilder().clearPubsubTopic().build();

        LightpushResponse response = raw.v3(request);

        assertEquals(420, response.getStatusCode());
        assertTrue(response.getStatusDesc().startsWith("Invalid content-topic: "), response::getStatusDesc);
    }

    @Test
    void withoutPubsubTopicStaticShardingIs420() throws Exception {
        Host staticService = hosts.start();
        RecordingRelay staticRelay = new RecordingRelay(Optional.empty(), SHARD_0);
        RequestRateLimiter<PeerId> unlimited = RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, clock);
        new LightpushServer(staticRelay, MAX, unlimited, scheduler, new KernelMetrics()).mount(staticService);
        TestHosts.connect(client, staticService);
        LightpushRequest request = request("static", message("m")).toBuilder().clearPubsubTopic().build();

        LightpushResponse response = new RawLightpush(client, staticService.peerId()).v3(request);

        assertAnswer(response, "static", 420, "Pubsub topic must be specified when static sharding is enabled");
        assertTrue(staticRelay.published().isEmpty());
    }

    @Test
    void aFloodingPeerGets429WhileAnotherIsServed() throws Exception {
        // 8 per hour: each peer may start with 6, all peers together with 8; the clock does not move
        relay = new RecordingRelay(Optional.of(SHARDING), allShards());
        server = serve(relay, RequestRateLimiter.perPeerAndGlobal(new RateLimit(8, Duration.ofHours(1)), clock),
                Duration.ofSeconds(10));
        Host polite = hosts.start();
        TestHosts.connect(polite, service);

        List<CompletableFuture<LightpushResponse>> flood = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LightpushRequest request = request("flood-" + i, message("flood " + i));
            flood.add(CompletableFuture.supplyAsync(() -> raw.v3(request), concurrently));
        }
        CompletableFuture<LightpushResponse> served = CompletableFuture.supplyAsync(
                () -> new RawLightpush(polite, service.peerId()).v3(request("polite", message("polite"))),
                concurrently);

        assertAnswer(Await.done(served), "polite", 200, "");
        List<LightpushResponse> answers = flood.stream().map(Await::done).toList();
        assertEquals(6, answers.stream().filter(r -> r.getStatusCode() == 200).count(), answers::toString);
        List<LightpushResponse> refused = answers.stream().filter(r -> r.getStatusCode() == 429).toList();
        assertEquals(4, refused.size(), answers::toString);
        refused.forEach(r -> assertAnswer(r, "N/A", 429, "Request rejected due to too many requests"));
        assertEquals(7, relay.published().size());
        String v3 = LightpushProtocols.V3;
        assertEquals(7, MetricValues.value(metrics.source(), "waku_service_requests", v3, "served"));
        assertEquals(4, MetricValues.value(metrics.source(), "waku_service_requests", v3, "rejected"));
    }

    @Test
    void aRateLimitedRequestIsRefusedWithoutBeingRead() throws Exception {
        server = serve(relay, RequestRateLimiter.perPeerOnly(new RateLimit(1, Duration.ofHours(1)), clock),
                Duration.ofSeconds(10));
        assertEquals(200, raw.v3(request("first", message("m"))).getStatusCode());

        FramedStream silent = raw.open(LightpushProtocols.V3);
        byte[] answer = RawLightpush.answerThenEnd(silent);

        assertEquals(429, parseV3(answer).getStatusCode());
        PushRPC legacy = raw.legacy(RawLightpush.legacyRequest("legacy", SHARD_0.value(), message("m")));
        assertEquals("N/A", legacy.getRequestId());
        assertFalse(legacy.getResponse().getIsSuccess());
        assertEquals("TOO_MANY_REQUESTS", legacy.getResponse().getInfo());
    }

    private static LightpushResponse parseV3(byte[] answer) {
        try {
            return LightpushResponse.parseFrom(answer);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopAnswersTheRequestsInFlightAndRefusesNewOnesWith503() throws Exception {
        CompletableFuture<PublishOutcome> pending = new CompletableFuture<>();
        relay.answer(publish -> pending);
        CompletableFuture<LightpushResponse> inFlight = CompletableFuture.supplyAsync(
                () -> raw.v3(request("in-flight", message("m"))), concurrently);
        Await.until(() -> relay.published().size() == 1, "the first request reaches relay");

        CompletableFuture<Void> stopped = server.stop();

        assertFalse(stopped.isDone(), "a request is still being served");
        LightpushResponse late = raw.v3(request("late", message("late")));
        assertAnswer(late, "N/A", 503, PushStatus.serviceUnavailable().description().orElseThrow());
        PushRPC lateLegacy = raw.legacy(RawLightpush.legacyRequest("late", SHARD_0.value(), message("late")));
        assertFalse(lateLegacy.getResponse().getIsSuccess());
        assertFalse(stopped.isDone());

        publishedTo(pending, 2);

        LightpushResponse answered = Await.done(inFlight);
        assertEquals(200, answered.getStatusCode());
        assertEquals(2, answered.getRelayPeerCount());
        Await.done(stopped);
        assertEquals(1, relay.published().size());
    }

    /** Lets relay's pending publish of the first message complete, sent to {@code peers} peers. */
    private void publishedTo(CompletableFuture<PublishOutcome> pending, int peers) {
        RecordingRelay.Publish first = relay.published().getFirst();
        pending.complete(RecordingRelay.outcome(first, PublishOutcome.Status.PUBLISHED, peers, null));
    }

    @Test
    void aStreamThatSendsNothingIsClosedAfterTheReadTimeout() throws Exception {
        server = serve(relay, RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, clock), Duration.ofMillis(200));
        FramedStream silent = raw.open(LightpushProtocols.V3);

        CompletableFuture<Optional<byte[]>> read = silent.read();

        // the service resets the stream: no answer, and the read ends (with a reset or end of stream)
        Optional<byte[]> answer = Await.done(read.handle((frame, failure) -> frame == null ? Optional.empty() : frame));
        assertTrue(answer.isEmpty());
        Await.until(() -> !silent.isOpen(), "the stream is closed");
        Await.done(server.stop());
        assertTrue(relay.published().isEmpty());
    }

    @Test
    void garbageOnOneStreamDoesNotDisturbAConcurrentRequestOnTheSameConnection() throws Exception {
        CompletableFuture<PublishOutcome> pending = new CompletableFuture<>();
        relay.answer(publish -> pending);
        CompletableFuture<LightpushResponse> good = CompletableFuture.supplyAsync(
                () -> raw.v3(request("good", message("good"))), concurrently);
        Await.until(() -> relay.published().size() == 1, "the good request reaches relay");

        LightpushResponse garbage = raw.v3("definitely not protobuf \u0000\u00ff".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, garbage.getStatusCode());

        publishedTo(pending, 1);
        assertAnswer(Await.done(good), "good", 200, "");
        assertEquals(1, client.connections(service.peerId()).size());
        assertTrue(client.connections(service.peerId()).stream().allMatch(Connection::isOpen));
    }

    // ---- legacy ----

    @Test
    void legacySuccessIsOk() throws Exception {
        PushRPC answer = raw.legacy(RawLightpush.legacyRequest("legacy-1", SHARD_0.value(), message("hi")));

        assertEquals("legacy-1", answer.getRequestId());
        assertTrue(answer.getResponse().getIsSuccess());
        assertEquals("OK", answer.getResponse().getInfo());
        assertEquals(List.of(new RecordingRelay.Publish(SHARD_0, message("hi"))), relay.published());
    }

    @Test
    void legacyFailuresCarryTheReasonAsInfo() throws Exception {
        assertLegacyFailure(RawLightpush.legacyRequest("a", "/waku/2/rs/2/0", message("m")), "a",
                "Unsupported pubsub topic: this node does not serve /waku/2/rs/2/0");
        WakuMessage big = message("x".repeat(2000));
        assertLegacyFailure(RawLightpush.legacyRequest("b", SHARD_0.value(), big), "b", "malformed WakuMessage: "
                + WakuMessageCodec.encodedSize(big) + " bytes is larger than the limit of 1024 bytes");
        assertLegacyFailure(RawLightpush.legacyRequest("c", "", message("m")), "c", "topic must not be empty");

        PushRPC noContentTopic = RawLightpush.legacyRequest("f", SHARD_0.value(), message("m"));
        noContentTopic = noContentTopic.toBuilder().setRequest(noContentTopic.getRequest().toBuilder()
                .setMessage(io.logos.delivery.kernel.proto.WakuMessage.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("p")).build().toByteString())).build();
        assertLegacyFailure(noContentTopic, "f", "malformed WakuMessage: missing required field content_topic (2)");

        relay.answer(PublishOutcome.Status.NO_PEERS_TO_PUBLISH, 0, null);
        assertLegacyFailure(RawLightpush.legacyRequest("d", SHARD_0.value(), message("m")), "d",
                "No peers for topic, skipping publish");
        relay.answer(PublishOutcome.Status.INVALID, 0, "RLN validation failed");
        assertLegacyFailure(RawLightpush.legacyRequest("g", SHARD_0.value(), message("m")), "g",
                "RLN validation failed");
        relay.answer(publish -> CompletableFuture.failedFuture(new IllegalStateException("gossipsub is down")));
        assertLegacyFailure(RawLightpush.legacyRequest("h", SHARD_0.value(), message("m")), "h",
                "internal error: java.lang.IllegalStateException: gossipsub is down");
        relay.answer(PublishOutcome.Status.DUPLICATE, 0, null);
        assertLegacyFailure(RawLightpush.legacyRequest("e", SHARD_0.value(), message("m")), "e",
                "Dropping already-seen message");
    }

    @Test
    void legacyBadRequestsGetNwakusInfos() throws Exception {
        PushRPC garbage = raw.legacy(new byte[] {(byte) 0xff, 0x01});
        assertEquals("", garbage.getRequestId());
        assertFalse(garbage.getResponse().getIsSuccess());
        assertTrue(garbage.getResponse().getInfo().startsWith("decode_rpc_failure: "), garbage::toString);

        assertLegacyFailure(PushRPC.newBuilder().setRequestId("empty").build(), "empty", "empty_request_body_failure");

        PushRPC noTopic = RawLightpush.legacyRequest("t", SHARD_0.value(), message("m")).toBuilder()
                .setRequest(RawLightpush.legacyRequest("t", SHARD_0.value(), message("m")).getRequest().toBuilder()
                        .clearPubsubTopic())
                .build();
        assertLegacyFailure(noTopic, "t", "decode_rpc_failure: missing required field pubsub_topic (1)");

        PushRPC tooLarge = raw.legacy(new byte[MAX.bytes() + LightpushServer.REQUEST_ENVELOPE_BYTES + 1]);
        assertEquals("N/A", tooLarge.getRequestId());
        assertFalse(tooLarge.getResponse().getIsSuccess());
        assertTrue(tooLarge.getResponse().getInfo().contains("larger than the limit"), tooLarge::toString);
        assertTrue(relay.published().isEmpty());
    }

    private void assertLegacyFailure(PushRPC request, String requestId, String info) {
        PushRPC answer = raw.legacy(request);
        assertEquals(requestId, answer.getRequestId());
        assertTrue(answer.getResponse().hasIsSuccess(), "is_success is always written");
        assertFalse(answer.getResponse().getIsSuccess());
        assertEquals(info, answer.getResponse().getInfo());
    }
}
