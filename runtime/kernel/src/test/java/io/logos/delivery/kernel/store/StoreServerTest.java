package io.logos.delivery.kernel.store;

import static io.logos.delivery.kernel.store.ArchiveFixture.ORDER;
import static io.logos.delivery.kernel.store.ArchiveFixture.SHARD_0;
import static io.logos.delivery.kernel.store.ArchiveFixture.SHARD_1;
import static io.logos.delivery.kernel.store.ArchiveFixture.TOPIC_A;
import static io.logos.delivery.kernel.store.ArchiveFixture.TOPIC_B;
import static io.logos.delivery.kernel.store.RawStore.bytes;
import static io.logos.delivery.kernel.store.RawStore.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryRequest;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryResponse;
import io.logos.delivery.kernel.proto.StoreProto.WakuMessageKeyValue;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MemoryArchives;
import io.logos.delivery.kernel.testing.MetricValues;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store service over real hosts and the in-memory archive: pages, filters, limits and every status. */
class StoreServerTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    /** 75 messages: four pages of 20, the last one short. */
    private static final List<ArchivedMessage> SHARD_0_A = ArchiveFixture.messages(SHARD_0, TOPIC_A, 75, T0);
    private static final List<ArchivedMessage> SHARD_0_B = ArchiveFixture.messages(SHARD_0, TOPIC_B, 10, T0 + 500);
    private static final List<ArchivedMessage> SHARD_1_A = ArchiveFixture.messages(SHARD_1, TOPIC_A, 10, T0 + 250);

    private final TestHosts hosts = new TestHosts();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock();
    private final ArchiveDriver archive = MemoryArchives.open();
    private final KernelMetrics metrics = new KernelMetrics();
    private Host service;
    private Host client;
    private RawStore raw;

    @BeforeEach
    void start() throws Exception {
        Stream.of(SHARD_0_A, SHARD_0_B, SHARD_1_A).forEach(messages -> ArchiveFixture.store(archive, messages));
        service = hosts.start();
        client = hosts.start();
        TestHosts.connect(client, service);
        raw = new RawStore(client, service.peerId());
    }

    @AfterEach
    void stop() throws Exception {
        hosts.stopAll();
        scheduler.shutdownNow();
        archive.close();
    }

    private StoreServer serve(ArchiveDriver driver, RateLimit limit, StoreServerConfig config) {
        StoreServer server = new StoreServer(driver, RequestRateLimiter.perPeerAndGlobal(limit, clock), scheduler,
                config, metrics);
        server.mount(service);
        return server;
    }

    private StoreServer serve() {
        return serve(archive, RateLimit.UNLIMITED, StoreServerConfig.DEFAULT);
    }

    @Test
    void forwardPagesFollowOneAnotherAndJoinToTheWholeResultInOrder() {
        serve();
        StoreQueryRequest.Builder request = request().setPubsubTopic(SHARD_0.value()).addContentTopics(TOPIC_A)
                .setPaginationForward(true);

        List<List<MessageHash>> pages = pages(request);

        assertEquals(4, pages.size());
        assertEquals(List.of(20, 20, 20, 15), pages.stream().map(List::size).toList());
        assertEquals(hashes(SHARD_0_A), pages.stream().flatMap(List::stream).toList());
    }

    @Test
    void backwardPagesStartWithTheNewestButListEachPageFromOldToNew() {
        serve();
        StoreQueryRequest.Builder request = request().setPubsubTopic(SHARD_0.value()).addContentTopics(TOPIC_A)
                .setPaginationForward(false);

        List<List<MessageHash>> pages = pages(request);

        assertEquals(List.of(20, 20, 20, 15), pages.stream().map(List::size).toList());
        assertEquals(hashes(SHARD_0_A.subList(55, 75)), pages.getFirst(), "the first page holds the newest");
        List<List<MessageHash>> oldestFirst = new ArrayList<>(pages);
        Collections.reverse(oldestFirst);
        assertEquals(hashes(SHARD_0_A), oldestFirst.stream().flatMap(List::stream).toList());
    }

    /**
     * Follows the cursors from {@code request} to the end. Checks every page: success, our request id, at most
     * 20 entries from old to new, and a cursor on the last entry in query order exactly when more follow.
     */
    private List<List<MessageHash>> pages(StoreQueryRequest.Builder request) {
        List<List<MessageHash>> pages = new ArrayList<>();
        StoreQueryResponse page = raw.query(request);
        while (true) {
            assertSuccess(page);
            List<MessageHash> hashes = hashesIn(page);
            assertTrue(hashes.size() <= StoreProtocol.DEFAULT_PAGE_SIZE, "page of " + hashes.size());
            assertEquals(hashes.stream().sorted(byStoredOrder()).toList(), hashes, "a page lists old to new");
            pages.add(hashes);
            if (!page.hasPaginationCursor()) {
                return pages;
            }
            MessageHash lastIncluded = request.getPaginationForward() ? hashes.getLast() : hashes.getFirst();
            assertEquals(lastIncluded, MessageHash.of(page.getPaginationCursor().toByteArray()));
            page = raw.query(request.setPaginationCursor(page.getPaginationCursor()));
        }
    }

    private static Comparator<MessageHash> byStoredOrder() {
        List<MessageHash> all = Stream.of(SHARD_0_A, SHARD_0_B, SHARD_1_A).flatMap(List::stream).sorted(ORDER)
                .map(ArchivedMessage::hash).toList();
        return Comparator.comparingInt(all::indexOf);
    }

    @Test
    void aPageCarriesTheMessagesAndTheirPubsubTopicsWhenDataIsWanted() {
        serve();

        StoreQueryResponse page = raw.query(request().setPaginationForward(true).setPaginationLimit(100));

        assertSuccess(page);
        assertFalse(page.hasPaginationCursor(), "95 messages fit in a page of 100");
        List<ArchivedMessage> everything = Stream.of(SHARD_0_A, SHARD_0_B, SHARD_1_A).flatMap(List::stream)
                .sorted(ORDER).toList();
        assertEquals(everything, page.getMessagesList().stream().map(StoreServerTest::archived).toList(),
                "every shard and topic, ordered by timestamp then hash");
    }

    private static ArchivedMessage archived(WakuMessageKeyValue entry) {
        ArchivedMessage stored = ArchivedMessage.of(PubsubTopic.of(entry.getPubsubTopic()),
                WakuMessageCodec.decode(entry.getMessage().toByteArray(), MessageSizeLimit.DEFAULT));
        assertEquals(stored.hash(), MessageHash.of(entry.getMessageHash().toByteArray()));
        return stored;
    }

    @Test
    void withoutPageSizeAPageHolds20AndLargerPageSizesAreCappedAt100() {
        serve();
        StoreQueryRequest.Builder everything = request().setIncludeData(false).setPaginationForward(true);
        ArchiveFixture.store(archive, ArchiveFixture.messages(SHARD_1, TOPIC_B, 200, T0 + 100_000));

        assertEquals(20, raw.query(everything).getMessagesCount());
        assertEquals(20, raw.query(everything.setPaginationLimit(0)).getMessagesCount());
        assertEquals(7, raw.query(everything.setPaginationLimit(7)).getMessagesCount());
        StoreQueryResponse huge = raw.query(everything.setPaginationLimit(1_000_000));
        assertEquals(100, huge.getMessagesCount());
        assertTrue(huge.hasPaginationCursor());
        assertEquals(100, raw.query(everything.setPaginationLimit(-1L)).getMessagesCount(), "uint64 max");
    }

    @Test
    void withoutDirectionAQueryGoesBackwardAsOnTheWire() {
        serve();

        StoreQueryResponse page = raw.query(request().setPubsubTopic(SHARD_0.value()).addContentTopics(TOPIC_A)
                .setPaginationLimit(5));

        assertEquals(hashes(SHARD_0_A.subList(70, 75)), hashesIn(page));
    }

    @Test
    void criteriaAreAndedAndTheTimeRangeIncludesBothEnds() {
        serve();
        long start = SHARD_0_A.get(10).timestamp();
        long end = SHARD_0_A.get(19).timestamp();

        StoreQueryResponse page = raw.query(request().setPubsubTopic(SHARD_0.value()).addContentTopics(TOPIC_A)
                .setTimeStart(start).setTimeEnd(end).setPaginationForward(true));

        assertEquals(hashes(SHARD_0_A.subList(10, 20)), hashesIn(page));
        StoreQueryResponse otherShard = raw.query(request().setPubsubTopic(SHARD_1.value()).addContentTopics(TOPIC_B));
        assertSuccess(otherShard);
        assertEquals(0, otherShard.getMessagesCount());
        StoreQueryResponse contentOnly = raw.query(request().addContentTopics(TOPIC_B).setPaginationLimit(100));
        assertEquals(hashes(SHARD_0_B), hashesIn(contentOnly), "content topics without a pubsub topic, as nwaku");
    }

    @Test
    void hashLookUpsAnswerOnlyWhatIsStoredWithOrWithoutData() {
        serve();
        MessageHash unknown = ArchiveFixture.messages(SHARD_0, "/app/1/c/proto", 1, T0).getFirst().hash();
        List<ArchivedMessage> wanted = List.of(SHARD_1_A.get(3), SHARD_0_B.get(7), SHARD_0_A.get(0));
        StoreQueryRequest.Builder lookUp = request().addMessageHashes(bytes(unknown));
        wanted.forEach(message -> lookUp.addMessageHashes(bytes(message.hash())));

        StoreQueryResponse presence = raw.query(lookUp.setIncludeData(false));
        StoreQueryResponse withData = raw.query(lookUp.setIncludeData(true));

        List<MessageHash> expected = hashes(wanted.stream().sorted(ORDER).toList());
        assertEquals(expected, hashesIn(presence));
        assertTrue(presence.getMessagesList().stream().noneMatch(e -> e.hasMessage() || e.hasPubsubTopic()),
                "hashes only");
        assertEquals(wanted.stream().sorted(ORDER).toList(),
                withData.getMessagesList().stream().map(StoreServerTest::archived).toList());
        StoreQueryResponse onShard = raw.query(lookUp.setPubsubTopic(SHARD_0.value()));
        assertEquals(2, onShard.getMessagesCount(), "a pubsub topic with hashes narrows them, as js-waku sends it");
    }

    @Test
    void requestsBeyondTheLimitsAreBadRequestsAndCostNoLookUp() {
        serve();
        ByteString cursor = bytes(SHARD_0_A.get(3).hash());
        List<ByteString> hundredAndOne = IntStream.range(0, 101)
                .mapToObj(i -> bytes(SHARD_0_A.get(i % 75).hash())).toList();

        assertBadRequest("BAD_REQUEST: invalid query: all zeroes cursor hash",
                raw.query(request().setPaginationCursor(ByteString.copyFrom(new byte[32]))));
        assertBadRequest("BAD_REQUEST: invalid query: the cursor is 31 bytes; a message hash is 32",
                raw.query(request().setPaginationCursor(cursor.substring(1))));
        assertBadRequest("BAD_REQUEST: invalid query: message hash 1 is 33 bytes; a message hash is 32",
                raw.query(request().addMessageHashes(cursor).addMessageHashes(cursor.concat(cursor.substring(31)))));
        assertBadRequest("BAD_REQUEST: invalid query: too many message hashes: 101, at most 100",
                raw.query(request().addAllMessageHashes(hundredAndOne)));
        List<String> elevenTopics = IntStream.range(0, 11).mapToObj(i -> "/app/1/t" + i + "/proto").toList();
        assertBadRequest("BAD_REQUEST: invalid query: too many content topics: 11, at most 10",
                raw.query(request().setPubsubTopic(SHARD_0.value()).addAllContentTopics(elevenTopics)
                        .setPaginationCursor(cursor)));
        assertSuccess(raw.query(request().setPubsubTopic(SHARD_0.value()).addAllContentTopics(elevenTopics)));
        assertBadRequest("BAD_REQUEST: invalid query: invalid pubsub topic: ",
                raw.query(request().setPubsubTopic("/waku/2/rs/1/not-a-shard")));
    }

    @Test
    void tenThousandHashesAreRefusedUnread() {
        serve();
        StoreQueryRequest.Builder lookUp = request();
        IntStream.range(0, 10_000).forEach(i -> lookUp.addMessageHashes(bytes(SHARD_0_A.get(i % 75).hash())));

        StoreQueryResponse answer = raw.query(lookUp);

        assertEquals(400, answer.getStatusCode());
        assertEquals("N/A", answer.getRequestId());
        assertEquals("BAD_REQUEST: invalid query: request of " + lookUp.build().getSerializedSize()
                + " bytes is larger than the limit of 65536 bytes", answer.getStatusDesc());
    }

    @Test
    void anUndecodableRequestIsABadRequestAndTheConnectionServesTheNextQuery() {
        serve();
        Connection connection = client.connections(service.peerId()).getFirst();

        StoreQueryResponse garbage = raw.query(new byte[] {(byte) 0x0a, (byte) 0xff, 0x01});
        StoreQueryResponse noRequestId = raw.query(StoreQueryRequest.newBuilder().setIncludeData(true).build()
                .toByteArray());
        StoreQueryResponse next = raw.query(request().setPaginationLimit(3));

        assertEquals(400, garbage.getStatusCode());
        assertTrue(garbage.getStatusDesc().startsWith("decoding rpc failed: "), garbage.getStatusDesc());
        assertEquals("N/A", garbage.getRequestId());
        assertEquals(400, noRequestId.getStatusCode());
        assertEquals("decoding rpc failed: missing required field request_id (1)", noRequestId.getStatusDesc());
        assertSuccess(next);
        assertEquals(3, next.getMessagesCount());
        assertEquals(2, MetricValues.value(metrics.source(), "waku_store_errors", "400"));
        assertEquals(1, MetricValues.value(metrics.source(), "waku_store_queries"));
        assertEquals(1, MetricValues.observations(metrics.source(), "waku_archive_query_duration_seconds"));
        assertSame(connection, client.connections(service.peerId()).getFirst(), "the same connection");
        assertEquals(1, client.connections(service.peerId()).size());
    }

    @Test
    void aCursorTheArchiveDoesNotHoldIsAnArchiveError() {
        serve();
        ArchivedMessage notStored = ArchiveFixture.messages(SHARD_0, "/app/1/gone/proto", 1, T0).getFirst();

        StoreQueryResponse answer = raw.query(request().setPaginationCursor(bytes(notStored.hash())));

        assertEquals(300, answer.getStatusCode());
        assertEquals("raw-1", answer.getRequestId());
        assertEquals("BAD_RESPONSE: archive error: cursor not found: " + notStored.hash(), answer.getStatusDesc());
    }

    @Test
    void queriesBeyondTheRateLimitAreRefusedUnreadWith429() {
        // 4 per second: a peer's bucket starts with 3 tokens, and the clock stands still
        serve(archive, new RateLimit(4, Duration.ofSeconds(1)), StoreServerConfig.DEFAULT);

        List<StoreQueryResponse> answers = IntStream.range(0, 4).mapToObj(i -> raw.query(request())).toList();

        answers.subList(0, 3).forEach(StoreServerTest::assertSuccess);
        StoreQueryResponse refused = answers.getLast();
        assertEquals(429, refused.getStatusCode());
        assertEquals("N/A", refused.getRequestId());
        assertEquals("TOO_MANY_REQUESTS", refused.getStatusDesc());
        clock.advance(Duration.ofSeconds(1));
        assertSuccess(raw.query(request()));
        assertEquals(4, MetricValues.value(metrics.source(), "waku_service_requests", StoreProtocol.ID, "served"));
        assertEquals(1, MetricValues.value(metrics.source(), "waku_service_requests", StoreProtocol.ID, "rejected"));
        assertEquals(4, MetricValues.value(metrics.source(), "waku_store_queries"));
    }

    @Test
    void stoppingAnswersTheQueriesInFlightAndRefusesNewOnesWith503() throws Exception {
        BlockingArchive slow = new BlockingArchive(archive);
        StoreServer server = serve(slow, RateLimit.UNLIMITED, StoreServerConfig.DEFAULT);
        CompletableFuture<byte[]> inFlight = raw.send(request().setPaginationLimit(2).build().toByteArray());
        slow.awaitBlocked(1);

        CompletableFuture<Void> stopped = server.stop();
        StoreQueryResponse late = raw.query(request());

        assertFalse(stopped.isDone(), "a query is still being answered");
        assertEquals(503, late.getStatusCode());
        assertEquals("SERVICE_UNAVAILABLE: the store service is stopping", late.getStatusDesc());
        slow.release();
        StoreQueryResponse answered = RawStore.parse(Await.await(inFlight));
        assertSuccess(answered);
        assertEquals(2, answered.getMessagesCount());
        Await.await(stopped);
    }

    @Test
    void queriesBeyondThoseTheArchiveCanTakeAreRefusedWith503() throws Exception {
        BlockingArchive slow = new BlockingArchive(archive);
        serve(slow, RateLimit.UNLIMITED, StoreServerConfig.DEFAULT.withQueries(1, 1));
        CompletableFuture<byte[]> running = raw.send(request().setRequestId("running").build().toByteArray());
        slow.awaitBlocked(1);
        CompletableFuture<byte[]> waiting = raw.send(request().setRequestId("waiting").build().toByteArray());

        StoreQueryResponse refused = raw.query(request().setRequestId("refused"));
        slow.release();

        assertEquals(503, refused.getStatusCode());
        assertEquals("refused", refused.getRequestId());
        assertEquals("SERVICE_UNAVAILABLE: too many store queries in progress", refused.getStatusDesc());
        assertSuccess(RawStore.parse(Await.await(running)));
        assertSuccess(RawStore.parse(Await.await(waiting)));
    }

    @Test
    void theNodesOwnQueriesGetThePagesAPeerGets() {
        StoreServer server = serve();
        StoreQuery query = StoreQuery.builder().includeData(true).pubsubTopic(SHARD_0).contentTopics(List.of(TOPIC_A))
                .direction(PagingDirection.BACKWARD).pageSize(30).build();
        StoreQueryRequest.Builder sameOnTheWire = request().setPubsubTopic(SHARD_0.value()).addContentTopics(TOPIC_A)
                .setPaginationForward(false).setPaginationLimit(30);

        StoreResponse first = Await.done(server.answerLocally(query));
        StoreResponse second = Await.done(server.answerLocally(query.withCursor(first.cursor().orElseThrow())));
        StoreQueryResponse peersFirst = raw.query(sameOnTheWire);

        assertEquals(200, first.statusCode());
        assertEquals("OK", first.description());
        assertEquals(Optional.empty(), first.peer(), "the node answered itself");
        assertEquals(hashesIn(peersFirst), first.messages().stream().map(StoredMessage::hash).toList());
        assertEquals(MessageHash.of(peersFirst.getPaginationCursor().toByteArray()), first.cursor().orElseThrow());
        assertEquals(SHARD_0_A.subList(45, 75), first.messages().stream().map(StoreServerTest::archived).toList());
        assertEquals(SHARD_0_A.subList(15, 45), second.messages().stream().map(StoreServerTest::archived).toList());
        StoreResponse hashesOnly = Await.done(server.answerLocally(query.toBuilder().includeData(false).build()));
        assertTrue(hashesOnly.messages().stream().allMatch(entry -> entry.message().isEmpty()));
    }

    private static ArchivedMessage archived(StoredMessage entry) {
        return ArchivedMessage.of(entry.pubsubTopic().orElseThrow(), entry.message().orElseThrow());
    }

    @Test
    void theNodesOwnQueriesMeetThePeersLimitsAndStatuses() throws Exception {
        StoreServer server = serve();
        List<MessageHash> hundredAndOne = IntStream.range(0, 101).mapToObj(i -> SHARD_0_A.get(i % 75).hash()).toList();
        MessageHash notStored = ArchiveFixture.messages(SHARD_0, "/app/1/gone/proto", 1, T0).getFirst().hash();

        StoreResponse tooMany = Await.done(server.answerLocally(
                StoreQuery.builder().messageHashes(hundredAndOne).build()));
        StoreResponse zeroes = Await.done(server.answerLocally(
                StoreQuery.builder().cursor(MessageHash.of(new byte[32])).build()));
        StoreResponse unknownCursor = Await.done(server.answerLocally(StoreQuery.builder().cursor(notStored).build()));
        ArchiveFixture.store(archive, ArchiveFixture.messages(SHARD_1, TOPIC_B, 200, T0 + 100_000));
        StoreResponse capped = Await.done(server.answerLocally(StoreQuery.builder().pageSize(1_000).build()));

        assertEquals(400, tooMany.statusCode());
        assertEquals("BAD_REQUEST: invalid query: too many message hashes: 101, at most 100", tooMany.description());
        assertEquals("BAD_REQUEST: invalid query: all zeroes cursor hash", zeroes.description());
        assertEquals(300, unknownCursor.statusCode());
        assertEquals("BAD_RESPONSE: archive error: cursor not found: " + notStored, unknownCursor.description());
        assertEquals(StoreProtocol.MAX_PAGE_SIZE, capped.messages().size());
        assertTrue(capped.cursor().isPresent());
        Await.await(server.stop());
        StoreResponse late = Await.done(server.answerLocally(StoreQuery.builder().build()));
        assertEquals(503, late.statusCode());
        assertEquals("SERVICE_UNAVAILABLE: the store service is stopping", late.description());
    }

    private static void assertSuccess(StoreQueryResponse response) {
        assertEquals(200, response.getStatusCode(), response.getStatusDesc());
        assertEquals("OK", response.getStatusDesc());
        assertTrue(response.hasRequestId() && !response.getRequestId().isEmpty());
    }

    private static void assertBadRequest(String description, StoreQueryResponse response) {
        assertEquals(400, response.getStatusCode(), response.getStatusDesc());
        assertTrue(response.getStatusDesc().startsWith(description), response.getStatusDesc());
        assertEquals("raw-1", response.getRequestId());
        assertEquals(0, response.getMessagesCount());
    }

    private static List<MessageHash> hashesIn(StoreQueryResponse response) {
        return response.getMessagesList().stream()
                .map(entry -> MessageHash.of(entry.getMessageHash().toByteArray())).toList();
    }

    private static List<MessageHash> hashes(List<ArchivedMessage> messages) {
        return messages.stream().map(ArchivedMessage::hash).toList();
    }
}
