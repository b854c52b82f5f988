package io.logos.delivery.kernel.lightpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushResponse;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Host;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The light push client against a real service, and against scripted services for the odd answers. */
class DefaultLightpushClientTest {

    static final AutoSharding SHARDING = new AutoSharding(1, 8);
    static final PubsubTopic SHARD_0 = PubsubTopic.of("/waku/2/rs/1/0");
    static final ContentTopic CONTENT = ContentTopic.parse("/toychat/2/huilong/proto");
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456789Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano();

    private final TestHosts hosts = new TestHosts();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(NOW);
    private Host service;
    private Host client;
    private RecordingRelay relay;
    private RecordingServicePeers servicePeers;
    private DefaultLightpushClient lightpush;

    @BeforeEach
    void start() throws Exception {
        service = hosts.start();
        client = hosts.start();
        relay = new RecordingRelay(Optional.of(SHARDING), IntStream.range(0, 8)
                .mapToObj(shard -> new RelayShard(1, shard).toPubsubTopic()).toArray(PubsubTopic[]::new));
        serve(RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, clock));
        TestHosts.connect(client, service);
        servicePeers = new RecordingServicePeers(Optional.of(service.peerId()));
        lightpush = client(Optional.of(SHARDING), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        hosts.stopAll();
        scheduler.shutdownNow();
    }

    private void serve(RequestRateLimiter<io.logos.delivery.libp2p.peer.PeerId> limiter) {
        new LightpushServer(relay, MessageSizeLimit.DEFAULT, limiter, scheduler, new KernelMetrics()).mount(service);
    }

    private DefaultLightpushClient client(Optional<AutoSharding> sharding, Duration timeout) {
        return new DefaultLightpushClient(client, servicePeers, sharding, timeout, clock);
    }

    static WakuMessage unstamped(String text) {
        return WakuMessage.builder().payload(text.getBytes(StandardCharsets.UTF_8)).contentTopic(CONTENT).build();
    }

    private Optional<io.logos.delivery.api.kernel.node.PeerId> serviceId() {
        return Optional.of(PeerIds.toApi(service.peerId()));
    }

    /**
     * Pushes from the client host's event loop, where the stream's reader is installed before the service
     * can answer (see {@link TestHosts#onLoop}).
     */
    private LightpushResult push(DefaultLightpushClient sender, Optional<PubsubTopic> topic, WakuMessage message,
                                 Optional<io.logos.delivery.api.kernel.node.PeerId> to) {
        return Await.done(TestHosts.onLoop(client, () -> sender.push(topic, message, to)));
    }

    private LightpushResult pushLegacy(PubsubTopic topic, WakuMessage message,
                                       Optional<io.logos.delivery.api.kernel.node.PeerId> to) {
        return Await.done(TestHosts.onLoop(client, () -> lightpush.pushLegacy(topic, message, to)));
    }

    private static void assertResult(LightpushResult result, int code, String description) {
        assertEquals(code, result.statusCode(), result::toString);
        assertEquals(Optional.ofNullable(description), result.description(), result::toString);
    }

    // ---- against the real service ----

    @Test
    void pushStampsTheMessageAndReportsTheRelayPeerCount() throws Exception {
        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("hello"), Optional.empty());

        WakuMessage stamped = unstamped("hello").toBuilder().timestamp(NOW_NANOS).build();
        assertResult(result, 200, null);
        assertEquals(3, result.relayPeerCount());
        assertEquals(MessageHash.compute(SHARD_0, stamped), result.hash());
        assertEquals(serviceId(), result.service());
        assertEquals(List.of(new RecordingRelay.Publish(SHARD_0, stamped)), relay.published());
        assertEquals(List.of(new RecordingServicePeers.Request(LightpushProtocols.V3, Optional.of(SHARD_0))),
                servicePeers.requests());
        assertTrue(servicePeers.failures().isEmpty());
    }

    @Test
    void aTimestampAlreadySetIsKept() throws Exception {
        WakuMessage message = unstamped("dated").toBuilder().timestamp(42).build();

        push(lightpush, Optional.of(SHARD_0), message, Optional.empty());

        assertEquals(42, relay.published().getFirst().message().timestamp());
    }

    @Test
    void withoutPubsubTopicTheClientDerivesItByAutosharding() throws Exception {
        LightpushResult result = push(lightpush, Optional.empty(), unstamped("auto"), Optional.empty());

        PubsubTopic derived = SHARDING.pubsubTopicOf(CONTENT);
        assertResult(result, 200, null);
        assertEquals(derived, relay.published().getFirst().topic());
        assertEquals(MessageHash.compute(derived, relay.published().getFirst().message()), result.hash());
        assertEquals(Optional.of(derived), servicePeers.requests().getFirst().shard());
    }

    @Test
    void withoutPubsubTopicUnderStaticShardingThePushIsRefusedHere() throws Exception {
        LightpushResult result = push(client(Optional.empty(), Duration.ofSeconds(5)),
                Optional.empty(), unstamped("static"), Optional.empty());

        assertResult(result, 420, "Pubsub topic must be specified when static sharding is enabled");
        assertEquals(Optional.empty(), result.service());
        assertTrue(servicePeers.requests().isEmpty());
        assertTrue(relay.published().isEmpty());
    }

    @Test
    void withoutPubsubTopicAnInvalidContentTopicIsRefusedHere() throws Exception {
        WakuMessage message = WakuMessage.builder().payload(new byte[] {1}).contentTopic("nope").build();

        LightpushResult result = push(lightpush, Optional.empty(), message, Optional.empty());

        assertEquals(420, result.statusCode());
        assertTrue(result.description().orElseThrow().startsWith("Invalid content-topic: "), result::toString);
    }

    @Test
    void refusalsOfTheServiceAreReportedAsTheyCame() throws Exception {
        relay.answer(PublishOutcome.Status.INVALID, 0, "RLN validation failed");
        assertResult(push(lightpush, Optional.of(SHARD_0), unstamped("a"), Optional.empty()),
                420, "RLN validation failed");
        assertTrue(servicePeers.failures().isEmpty(), "a refused message is not the service's fault");

        relay.answer(PublishOutcome.Status.NO_PEERS_TO_PUBLISH, 0, null);
        assertResult(push(lightpush, Optional.of(SHARD_0), unstamped("b"), Optional.empty()),
                505, "No peers for topic, skipping publish");

        LightpushResult otherCluster = push(lightpush, Optional.of(PubsubTopic.of("/waku/2/rs/2/0")),
                unstamped("c"), Optional.empty());
        assertEquals(421, otherCluster.statusCode());

        RecordingServicePeers.Failure failure =
                new RecordingServicePeers.Failure(service.peerId(), LightpushProtocols.V3);
        assertEquals(List.of(failure, failure), servicePeers.failures(), "505 and 421 send the client elsewhere");
    }

    @Test
    void aRateLimitedPushIs429() throws Exception {
        relay = new RecordingRelay(Optional.of(SHARDING), SHARD_0);
        serve(RequestRateLimiter.perPeerOnly(new RateLimit(1, Duration.ofHours(1)), clock));

        assertEquals(200, push(lightpush, Optional.of(SHARD_0), unstamped("1"), Optional.empty()).statusCode());
        assertResult(push(lightpush, Optional.of(SHARD_0), unstamped("2"), Optional.empty()),
                429, "Request rejected due to too many requests");
        assertResult(pushLegacy(SHARD_0, unstamped("3"), Optional.empty()),
                429, "TOO_MANY_REQUESTS");
    }

    @Test
    void legacyPushMapsTheSuccessFlag() throws Exception {
        LightpushResult success = pushLegacy(SHARD_0, unstamped("legacy"), Optional.empty());
        assertResult(success, 200, "OK");
        assertEquals(0, success.relayPeerCount());
        assertEquals(serviceId(), success.service());
        assertEquals(NOW_NANOS, relay.published().getFirst().message().timestamp());
        assertEquals(LightpushProtocols.LEGACY, servicePeers.requests().getFirst().protocol());

        LightpushResult refused = pushLegacy(PubsubTopic.of("/waku/2/rs/2/0"),
                unstamped("legacy"), Optional.empty());
        assertResult(refused, 420, "Unsupported pubsub topic: this node does not serve /waku/2/rs/2/0");
    }

    // ---- finding the service ----

    @Test
    void noServicePeerIs505() throws Exception {
        servicePeers = new RecordingServicePeers(Optional.empty());

        LightpushResult result = push(client(Optional.of(SHARDING), Duration.ofSeconds(5)),
                Optional.of(SHARD_0), unstamped("m"), Optional.empty());

        assertEquals(505, result.statusCode());
        assertTrue(result.description().orElseThrow().contains("no peer serves " + LightpushProtocols.V3),
                result::toString);
        assertEquals(Optional.empty(), result.service());
    }

    @Test
    void aNamedServicePeerIsUsedWhenConnected() throws Exception {
        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("m"), serviceId());

        assertEquals(200, result.statusCode());
        assertEquals(serviceId(), result.service());
        assertTrue(servicePeers.requests().isEmpty(), "the peer manager is not asked");
    }

    @Test
    void aNamedServicePeerThatIsNotConnectedIs505() throws Exception {
        Host stranger = hosts.start();
        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("m"),
                Optional.of(PeerIds.toApi(stranger.peerId())));

        assertEquals(505, result.statusCode());
        assertTrue(result.description().orElseThrow().startsWith("dial_failure: "), result::toString);
        assertEquals(Optional.empty(), result.service());
        assertEquals(List.of(new RecordingServicePeers.Failure(stranger.peerId(), LightpushProtocols.V3)),
                servicePeers.failures());
    }

    @Test
    void aPeerWithoutTheProtocolIs505() throws Exception {
        Host noLightpush = hosts.start();
        TestHosts.connect(client, noLightpush);

        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("m"),
                Optional.of(PeerIds.toApi(noLightpush.peerId())));

        assertEquals(505, result.statusCode());
        assertTrue(result.description().orElseThrow().startsWith("dial_failure: cannot open"), result::toString);
        assertEquals(Optional.empty(), result.service());
        assertEquals(1, servicePeers.failures().size());
    }

    // ---- against a scripted service ----

    /** A v3 service on a fresh host that answers each request with {@code answer} (empty: never answers). */
    private ScriptedService scripted(Function<LightpushRequest, Optional<LightpushResponse>> answer) throws Exception {
        Host host = hosts.start();
        ScriptedService scripted = new ScriptedService(host, answer);
        host.setFramedHandler(LightpushProtocols.V3, 1 << 20, scripted::serve);
        TestHosts.connect(client, host);
        return scripted;
    }

    private static final class ScriptedService {
        final Host host;
        final Function<LightpushRequest, Optional<LightpushResponse>> answer;
        final List<LightpushRequest> received = new CopyOnWriteArrayList<>();

        ScriptedService(Host host, Function<LightpushRequest, Optional<LightpushResponse>> answer) {
            this.host = host;
            this.answer = answer;
        }

        void serve(io.logos.delivery.libp2p.framed.FramedStream stream) {
            stream.read().thenAccept(frame -> {
                LightpushRequest request;
                try {
                    request = LightpushRequest.parseFrom(frame.orElseThrow());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    stream.reset();
                    return;
                }
                received.add(request);
                answer.apply(request).ifPresent(response -> stream.write(response.toByteArray())
                        .thenCompose(ignored -> stream.closeWrite()));
            });
        }

        Optional<io.logos.delivery.api.kernel.node.PeerId> id() {
            return Optional.of(PeerIds.toApi(host.peerId()));
        }
    }

    private static LightpushResponse.Builder answer(LightpushRequest request, int code) {
        return LightpushResponse.newBuilder().setRequestId(request.getRequestId()).setStatusCode(code);
    }

    @Test
    void requestsCarryTheTopicAndAFreshHexRequestId() throws Exception {
        ScriptedService scripted = scripted(request -> Optional.of(answer(request, 200).setRelayPeerCount(1).build()));

        push(lightpush, Optional.of(SHARD_0), unstamped("one"), scripted.id());
        push(lightpush, Optional.of(SHARD_0), unstamped("two"), scripted.id());

        List<String> ids = scripted.received.stream().map(LightpushRequest::getRequestId).toList();
        ids.forEach(id -> assertTrue(id.matches("[0-9a-f]{20}"), id));
        assertTrue(!ids.get(0).equals(ids.get(1)), ids::toString);
        assertEquals(SHARD_0.value(), scripted.received.getFirst().getPubsubTopic());
    }

    @Test
    void successWithoutRelayPeersIs505() throws Exception {
        ScriptedService none = scripted(request -> Optional.of(answer(request, 200).build()));
        LightpushResult absent = push(lightpush, Optional.of(SHARD_0), unstamped("m"), none.id());
        assertEquals(505, absent.statusCode(), absent::toString);

        ScriptedService zero = scripted(request -> Optional.of(answer(request, 200).setRelayPeerCount(0).build()));
        LightpushResult counted = push(lightpush, Optional.of(SHARD_0), unstamped("m"), zero.id());
        assertEquals(505, counted.statusCode(), counted::toString);
        assertEquals(zero.id(), counted.service());
    }

    @Test
    void anAnswerForAnotherRequestIs500ExceptForRateLimiting() throws Exception {
        ScriptedService confused = scripted(request -> Optional.of(answer(request, 200).setRequestId("someone-else")
                .setRelayPeerCount(2).build()));
        LightpushResult mismatch = push(lightpush, Optional.of(SHARD_0), unstamped("m"), confused.id());
        assertEquals(500, mismatch.statusCode());
        assertTrue(mismatch.description().orElseThrow().startsWith("response failure, requestId mismatch"),
                mismatch::toString);

        ScriptedService limited = scripted(request -> Optional.of(LightpushResponse.newBuilder().setRequestId("N/A")
                .setStatusCode(429).setStatusDesc("slow down").build()));
        assertResult(push(lightpush, Optional.of(SHARD_0), unstamped("m"), limited.id()), 429, "slow down");
    }

    @Test
    void aServiceThatNeverAnswersTimesOutWith503() throws Exception {
        ScriptedService silent = scripted(request -> Optional.empty());

        LightpushResult result = push(client(Optional.of(SHARDING), Duration.ofMillis(300)),
                Optional.of(SHARD_0), unstamped("m"), silent.id());

        assertEquals(503, result.statusCode(), result::toString);
        assertTrue(result.description().orElseThrow().contains("within 300 ms"), result::toString);
        assertEquals(silent.id(), result.service());
        assertEquals(List.of(new RecordingServicePeers.Failure(silent.host.peerId(), LightpushProtocols.V3)),
                servicePeers.failures());
    }

    @Test
    void anUndecodableAnswerIs500() throws Exception {
        Host broken = hosts.start();
        broken.setFramedHandler(LightpushProtocols.V3, 1 << 20, stream -> stream.read()
                .thenCompose(ignored -> stream.write(new byte[] {(byte) 0xff, 0x00}))
                .thenCompose(ignored -> stream.closeWrite()));
        TestHosts.connect(client, broken);

        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("m"),
                Optional.of(PeerIds.toApi(broken.peerId())));

        assertEquals(500, result.statusCode());
        assertTrue(result.description().orElseThrow().startsWith("decode_rpc_failure"), result::toString);
    }

    @Test
    void aServiceThatClosesWithoutAnsweringIs500() throws Exception {
        Host closing = hosts.start();
        closing.setFramedHandler(LightpushProtocols.V3, 1 << 20, stream -> stream.read()
                .thenCompose(ignored -> stream.closeWrite()));
        TestHosts.connect(client, closing);

        LightpushResult result = push(lightpush, Optional.of(SHARD_0), unstamped("m"),
                Optional.of(PeerIds.toApi(closing.peerId())));

        assertResult(result, 500, "the service closed the stream without answering");
    }
}
