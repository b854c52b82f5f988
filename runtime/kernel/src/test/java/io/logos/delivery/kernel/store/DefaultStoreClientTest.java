package io.logos.delivery.kernel.store;

import static io.logos.delivery.kernel.store.ArchiveFixture.SHARD_0;
import static io.logos.delivery.kernel.store.ArchiveFixture.SHARD_1;
import static io.logos.delivery.kernel.store.ArchiveFixture.TOPIC_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryRequest;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryResponse;
import io.logos.delivery.kernel.proto.StoreProto.WakuMessageKeyValue;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.FixedServicePeers;
import io.logos.delivery.kernel.testing.MemoryArchives;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.RankedServicePeers;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store client against real hosts: a real store service, failing ones, and services that answer wrongly. */
class DefaultStoreClientTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final List<ArchivedMessage> STORED = ArchiveFixture.messages(SHARD_0, TOPIC_A, 70, T0);
    private static final StoreQuery SHARD_0_A = StoreQuery.builder().includeData(true).pubsubTopic(SHARD_0)
            .contentTopics(List.of(TOPIC_A)).direction(PagingDirection.FORWARD).build();

    private final TestHosts hosts = new TestHosts();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<ArchiveDriver> archives = new ArrayList<>();
    private Host client;

    @BeforeEach
    void start() throws Exception {
        client = hosts.start();
    }

    @AfterEach
    void stop() throws Exception {
        hosts.stopAll();
        scheduler.shutdownNow();
        archives.forEach(ArchiveDriver::close);
    }

    /** A connected host serving the store from an archive holding {@link #STORED}. */
    private StoreServiceUnderTest storeService() throws Exception {
        ArchiveDriver archive = MemoryArchives.open();
        archives.add(archive);
        ArchiveFixture.store(archive, STORED);
        Host host = hosts.start();
        StoreServer server = new StoreServer(archive,
                RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, new MutableClock()), scheduler,
                StoreServerConfig.DEFAULT, new KernelMetrics());
        server.mount(host);
        TestHosts.connect(client, host);
        return new StoreServiceUnderTest(host, server);
    }

    private record StoreServiceUnderTest(Host host, StoreServer server) {
        io.logos.delivery.api.kernel.node.PeerId id() {
            return PeerIds.toApi(host.peerId());
        }
    }

    /** A connected host that answers each store request with what {@code answer} makes of it. */
    private Host fakeService(Function<StoreQueryRequest, byte[]> answer, AtomicInteger requests) throws Exception {
        Host host = hosts.start();
        host.setFramedHandler(StoreProtocol.ID, StoreProtocol.MAX_REQUEST_BYTES, stream -> stream.read()
                .thenAccept(frame -> {
                    requests.incrementAndGet();
                    try {
                        stream.answerAndFinish(answer.apply(StoreQueryRequest.parseFrom(frame.orElseThrow())));
                    } catch (InvalidProtocolBufferException e) {
                        stream.reset();
                    }
                }));
        TestHosts.connect(client, host);
        return host;
    }

    private DefaultStoreClient clientOf(ServicePeers peers, Duration timeout) {
        return new DefaultStoreClient(client, peers, MessageSizeLimit.DEFAULT, timeout);
    }

    private DefaultStoreClient clientOf(ServicePeers peers) {
        return clientOf(peers, DefaultStoreClient.DEFAULT_REQUEST_TIMEOUT);
    }

    @Test
    void pagesThroughAStorePeerWithTheCursorsItHandsOut() throws Exception {
        StoreServiceUnderTest service = storeService();
        DefaultStoreClient store = clientOf(new FixedServicePeers(service.host().peerId()));

        List<StoredMessage> all = new ArrayList<>();
        StoreResponse page = Await.await(store.query(SHARD_0_A.toBuilder().pageSize(30).build(), Optional.empty()));
        int pages = 1;
        while (true) {
            assertEquals(StoreResponse.SUCCESS, page.statusCode(), page.description());
            assertEquals(Optional.of(service.id()), page.peer());
            all.addAll(page.messages());
            if (page.cursor().isEmpty()) {
                break;
            }
            page = Await.await(store.query(SHARD_0_A.toBuilder().pageSize(30).build().withCursor(page.cursor().get()),
                    page.peer()));
            pages++;
        }

        assertEquals(3, pages);
        assertEquals(STORED.stream().map(m -> StoredMessage.of(m.hash(), m.pubsubTopic(), m.message())).toList(), all);
    }

    @Test
    void aPresenceQueryAnswersTheStoredHashesOnly() throws Exception {
        StoreServiceUnderTest service = storeService();
        DefaultStoreClient store = clientOf(new FixedServicePeers(service.host().peerId()));
        MessageHash missing = ArchiveFixture.messages(SHARD_1, TOPIC_A, 1, T0).getFirst().hash();

        StoreResponse present = Await.await(store.query(StoreQuery.builder()
                .messageHashes(List.of(STORED.get(5).hash(), missing, STORED.get(2).hash())).build(), Optional.empty()));

        assertEquals(StoreResponse.SUCCESS, present.statusCode());
        assertEquals(List.of(StoredMessage.hashOnly(STORED.get(2).hash()), StoredMessage.hashOnly(STORED.get(5).hash())),
                present.messages());
    }

    @Test
    void queryToAnyAsksAnotherStorePeerWhenOneFails() throws Exception {
        StoreServiceUnderTest stopped = storeService();
        Await.await(stopped.server().stop());
        StoreServiceUnderTest working = storeService();
        RankedServicePeers peers = new RankedServicePeers(stopped.host().peerId(), working.host().peerId());

        StoreResponse response = Await.await(clientOf(peers).queryToAny(SHARD_0_A, 5));

        assertEquals(StoreResponse.SUCCESS, response.statusCode(), response.description());
        assertEquals(Optional.of(working.id()), response.peer());
        assertEquals(20, response.messages().size());
        assertEquals(List.of(stopped.host().peerId()), peers.failures(), "the stopped peer (503) was reported");
    }

    @Test
    void queryToAnyAnswersTheLastFailureWhenNoPeerIsLeftOrTheAttemptsAreUsedUp() throws Exception {
        StoreServiceUnderTest first = storeService();
        StoreServiceUnderTest second = storeService();
        Await.await(first.server().stop());
        Await.await(second.server().stop());

        StoreResponse oneAttempt = Await.await(clientOf(new RankedServicePeers(first.host().peerId(),
                second.host().peerId())).queryToAny(SHARD_0_A, 1));
        StoreResponse everyPeer = Await.await(clientOf(new RankedServicePeers(first.host().peerId(),
                second.host().peerId())).queryToAny(SHARD_0_A, 5));

        assertEquals(StoreResponse.SERVICE_UNAVAILABLE, oneAttempt.statusCode());
        assertEquals(Optional.of(first.id()), oneAttempt.peer());
        assertEquals(StoreResponse.SERVICE_UNAVAILABLE, everyPeer.statusCode());
        assertEquals(Optional.of(second.id()), everyPeer.peer(), "both were asked, the second answered last");
        assertThrows(IllegalArgumentException.class, () -> clientOf(new FixedServicePeers(first.host().peerId()))
                .queryToAny(SHARD_0_A, 0));
    }

    @Test
    void aBadRequestIsNotTriedElsewhere() throws Exception {
        StoreServiceUnderTest first = storeService();
        StoreServiceUnderTest second = storeService();
        RankedServicePeers peers = new RankedServicePeers(first.host().peerId(), second.host().peerId());
        List<MessageHash> tooMany = IntStream.range(0, 101).mapToObj(i -> STORED.get(i % 70).hash()).toList();

        StoreResponse refused = Await.await(clientOf(peers).queryToAny(
                StoreQuery.builder().messageHashes(tooMany).build(), 5));

        assertEquals(StoreResponse.BAD_REQUEST, refused.statusCode());
        assertEquals("BAD_REQUEST: invalid query: too many message hashes: 101, at most 100", refused.description());
        assertEquals(Optional.of(first.id()), refused.peer());
        assertEquals(List.of(), peers.failures());
    }

    @Test
    void aCursorOfZeroesIsRefusedWithoutAsking() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        Host service = fakeService(request -> new byte[0], requests);

        StoreResponse refused = Await.await(clientOf(new FixedServicePeers(service.peerId())).query(
                SHARD_0_A.withCursor(MessageHash.of(new byte[32])), Optional.empty()));

        assertEquals(StoreResponse.BAD_REQUEST, refused.statusCode());
        assertEquals("BAD_REQUEST: invalid cursor: all zeroes", refused.description());
        assertEquals(0, requests.get());
    }

    @Test
    void aPeerThatCannotBeReachedIs504() throws Exception {
        StoreServiceUnderTest service = storeService();
        PeerId stranger = TestHosts.unknownPeer();
        FixedServicePeers peers = new FixedServicePeers(stranger);

        StoreResponse chosen = Await.await(clientOf(peers).query(SHARD_0_A, Optional.empty()));
        StoreResponse named = Await.await(clientOf(peers).query(SHARD_0_A, Optional.of(PeerIds.toApi(stranger))));
        Await.await(service.host().stop());
        StoreResponse gone = Await.await(clientOf(peers).query(SHARD_0_A, Optional.of(service.id())));

        for (StoreResponse response : List.of(chosen, named, gone)) {
            assertEquals(StoreResponse.PEER_DIAL_FAILURE, response.statusCode(), response.description());
            assertTrue(response.description().startsWith("PEER_DIAL_FAILURE: "), response.description());
            assertEquals(Optional.empty(), response.peer());
        }
        assertEquals(List.of(stranger, stranger, service.host().peerId()), peers.failures());
    }

    @Test
    void brokenAnswersAre300AndTheirPeerIsReported() throws Exception {
        ArchivedMessage stored = STORED.getFirst();
        ArchivedMessage other = STORED.get(1);
        List<Function<StoreQueryRequest, byte[]>> answers = List.of(
                request -> new byte[] {(byte) 0x0a, (byte) 0xff},
                request -> success(request.getRequestId()).clearStatusCode().build().toByteArray(),
                request -> success("someone-else").build().toByteArray(),
                request -> success(request.getRequestId()).addMessages(entry(stored.hash(), other)).build()
                        .toByteArray(),
                request -> success(request.getRequestId()).setPaginationCursor(ByteString.copyFrom(new byte[5]))
                        .build().toByteArray());
        List<String> expected = List.of("BAD_RESPONSE: decoding rpc failed: ",
                "BAD_RESPONSE: missing required field status_code (10)",
                "BAD_RESPONSE: request id mismatch: sent ",
                "BAD_RESPONSE: entry 0: the message does not hash to " + stored.hash(),
                "BAD_RESPONSE: the cursor is 5 bytes; a message hash is 32");

        for (int i = 0; i < answers.size(); i++) {
            Host service = fakeService(answers.get(i), new AtomicInteger());
            FixedServicePeers peers = new FixedServicePeers(service.peerId());

            StoreResponse response = Await.await(clientOf(peers).query(SHARD_0_A, Optional.empty()));

            assertEquals(StoreResponse.BAD_RESPONSE, response.statusCode(), response.description());
            assertTrue(response.description().startsWith(expected.get(i)), response.description());
            assertEquals(Optional.of(PeerIds.toApi(service.peerId())), response.peer());
            assertEquals(List.of(service.peerId()), peers.failures());
        }
    }

    @Test
    void refusalsOfTheServiceArePassedOnWhateverTheirRequestId() throws Exception {
        Host service = fakeService(request -> StoreQueryResponse.newBuilder()
                .setRequestId("N/A").setStatusCode(429).setStatusDesc("TOO_MANY_REQUESTS").build().toByteArray(),
                new AtomicInteger());
        FixedServicePeers peers = new FixedServicePeers(service.peerId());

        StoreResponse refused = Await.await(clientOf(peers).query(SHARD_0_A, Optional.empty()));

        assertEquals(new StoreResponse(429, "TOO_MANY_REQUESTS", List.of(), Optional.empty(),
                Optional.of(PeerIds.toApi(service.peerId()))), refused);
        assertEquals(List.of(), peers.failures(), "rate limiting us is no fault of the peer");
    }

    @Test
    void aSilentPeerIs300AfterTheTimeout() throws Exception {
        Host silent = hosts.start();
        silent.setFramedHandler(StoreProtocol.ID, StoreProtocol.MAX_REQUEST_BYTES, stream -> stream.read());
        TestHosts.connect(client, silent);
        FixedServicePeers peers = new FixedServicePeers(silent.peerId());

        StoreResponse response = Await.await(clientOf(peers, Duration.ofMillis(300)).query(SHARD_0_A,
                Optional.empty()));

        assertEquals(StoreResponse.BAD_RESPONSE, response.statusCode());
        assertEquals("BAD_RESPONSE: no answer from " + silent.peerId() + " within 300 ms", response.description());
        assertEquals(List.of(silent.peerId()), peers.failures());
    }

    private static StoreQueryResponse.Builder success(String requestId) {
        return StoreQueryResponse.newBuilder().setRequestId(requestId).setStatusCode(200).setStatusDesc("OK");
    }

    private static WakuMessageKeyValue entry(MessageHash key, ArchivedMessage value) {
        return WakuMessageKeyValue.newBuilder().setMessageHash(ByteString.copyFrom(key.bytes()))
                .setMessage(ByteString.copyFrom(WakuMessageCodec.encode(value.message())))
                .setPubsubTopic(value.pubsubTopic().value()).build();
    }
}
