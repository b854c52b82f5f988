package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.rest.RestClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /store/v3/messages} over HTTP: a store node answers from its own archive, a relay node without
 * one asks the store peer it knows or the one named by {@code peerAddr}; paging both ways, look-ups by hash,
 * 400s for malformed parameters and 412 when there is no store to ask.
 */
class RestStoreTest {

    private static final String SHARD = "/waku/2/rs/0/0";
    private static final String CHAT = "/store-test/1/chat/proto";
    private static final String STATUS = "/store-test/1/status/proto";
    private static final String MESSAGES = "/store/v3/messages";

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery storeNode;
    private LogosDelivery relayNode;
    private RestClient storeRest;
    private RestClient relayRest;
    /** What the relay node published, oldest first: chat, chat, status, chat, chat, status, chat. */
    private List<WakuMessage> published;

    @BeforeEach
    void startPublishAndArchive() throws InterruptedException {
        nodes = new RestNodes(root);
        storeNode = nodes.start(RestNodes.protocols(), RestNodes.rest(false, List.of()), true);
        relayNode = nodes.start(RestNodes.protocols(), RestNodes.rest(true, List.of()));
        storeRest = RestNodes.client(storeNode);
        relayRest = RestNodes.client(relayNode);
        Reply connected = relayRest.post("/admin/v1/peers", "[\"" + address(storeNode) + "\"]");
        assertEquals(200, connected.status(), connected.body());
        PubsubTopic shard = PubsubTopic.of(SHARD);
        RestNodes.await("a relay mesh between the two nodes",
                () -> storeNode.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY
                        && relayNode.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY);

        long now = System.currentTimeMillis() * 1_000_000L;
        published = IntStream.range(0, 7).mapToObj(i -> WakuMessage.builder()
                .contentTopic(i % 3 == 2 ? STATUS : CHAT)
                .payload(("message " + i).getBytes(StandardCharsets.UTF_8))
                .timestamp(now + i * 1_000L).build()).toList();
        for (WakuMessage message : published) {
            Reply reply = relayRest.post("/relay/v1/messages/" + encode(SHARD), json(message));
            assertEquals(200, reply.status(), reply.body());
        }
        RestNodes.await("the store node archiving the 7 messages",
                () -> storeNode.archive().orElseThrow().count() == published.size());
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void theStoreNodeAnswersFromItsOwnArchiveInNwakusShape() {
        Reply reply = storeRest.get(MESSAGES + "?includeData=true&pubsubTopic=" + SHARD + "&contentTopics=" + CHAT);

        assertEquals(200, reply.status(), reply.body());
        JsonNode page = reply.json();
        assertEquals("", page.get("requestId").asText());
        assertEquals(200, page.get("statusCode").asInt());
        assertEquals("OK", page.get("statusDesc").asText());
        assertFalse(page.has("paginationCursor"), "everything fits in one page");
        List<WakuMessage> chat = published.stream().filter(message -> message.contentTopic().equals(CHAT)).toList();
        assertEquals(hashes(chat), hashesIn(page));
        JsonNode first = page.get("messages").get(0);
        assertEquals(SHARD, first.get("pubsubTopic").asText());
        JsonNode message = first.get("message");
        assertEquals(Base64.getEncoder().encodeToString(chat.getFirst().payload()), message.get("payload").asText());
        assertEquals(CHAT, message.get("contentTopic").asText());
        assertEquals(0, message.get("version").asInt());
        assertEquals(chat.getFirst().timestamp(), message.get("timestamp").asLong());
        assertFalse(message.get("ephemeral").asBoolean());
        assertFalse(message.has("meta") || message.has("proof"), "empty meta and proof are left out, as nwaku does");
    }

    @Test
    void pagesFollowTheCursorForwardByDefaultAndBackwardWhenAsked() {
        List<String> all = hashes(published);

        List<List<String>> forward = pages(storeRest, MESSAGES + "?pageSize=2");
        List<List<String>> backward = pages(storeRest, MESSAGES + "?pageSize=2&ascending=false");

        assertEquals(List.of(all.subList(0, 2), all.subList(2, 4), all.subList(4, 6), all.subList(6, 7)), forward);
        assertEquals(List.of(all.subList(5, 7), all.subList(3, 5), all.subList(1, 3), all.subList(0, 1)), backward,
                "newest first, each page from old to new");
        assertEquals(forward, pages(storeRest, MESSAGES + "?pageSize=2&ascending=true"));
    }

    @Test
    void hashesLookUpJustThoseMessagesAndTimesNarrowTheRange() {
        String wanted = hashes(published.get(4), published.get(2)).stream().collect(Collectors.joining(","));

        JsonNode presence = ok(storeRest.get(MESSAGES + "?hashes=" + wanted));
        JsonNode withData = ok(storeRest.get(MESSAGES + "?includeData=true&hashes=" + wanted));
        JsonNode range = ok(storeRest.get(MESSAGES + "?contentTopics=" + CHAT + "&startTime="
                + published.get(1).timestamp() + "&endTime=" + published.get(4).timestamp()));

        assertEquals(hashes(published.get(2), published.get(4)), hashesIn(presence), "in stored order");
        assertFalse(presence.get("messages").get(0).has("message"), "hashes only without includeData");
        assertEquals(hashes(published.get(2), published.get(4)), hashesIn(withData));
        assertTrue(withData.get("messages").get(1).has("message"));
        assertEquals(hashes(published.get(1), published.get(3), published.get(4)), hashesIn(range),
                "both ends included, status messages left out");
    }

    @Test
    void aNodeWithoutArchiveAsksTheStorePeerItKnowsOrTheOneNamed() {
        List<List<String>> expected = pages(storeRest, MESSAGES + "?pageSize=3");
        LogosDelivery storeClient = nodes.start(new ProtocolsConfig(true, false, false, List.of(), 1, List.of(),
                Optional.of(address(storeNode)), Optional.empty(), Optional.empty(), List.of(), 1000, 1000, 300,
                ProtocolsConfig.DEFAULT_RETENTION_POLICY, false), RestNodes.rest(false, List.of()));

        assertEquals(expected, pages(RestNodes.client(storeClient), MESSAGES + "?pageSize=3"), "--storenode, dialed");
        assertEquals(expected, pages(relayRest, MESSAGES + "?pageSize=3"), "the store peer identify told of");
        assertEquals(expected, pages(relayRest, MESSAGES + "?pageSize=3&peerAddr=" + address(storeNode)));
        assertEquals(expected, pages(relayRest, MESSAGES + "?pageSize=3&peerAddr=" + address(storeNode)
                .replace("/", "%2F")), "percent-encoded");

        Reply noStore = storeRest.get(MESSAGES + "?peerAddr=" + address(relayNode));
        assertEquals(500, noStore.status(), noStore.body());
        assertEquals(504, noStore.json().get("statusCode").asInt());
        assertTrue(noStore.json().get("statusDesc").asText().startsWith("PEER_DIAL_FAILURE: "), noStore.body());
    }

    @Test
    void malformedParametersAre400sNamingThem() {
        String shortHash = "0x" + "ab".repeat(31);
        Map<String, String> answers = Map.of(
                "pageSize=many", "Invalid pageSize: not a whole number: 'many'",
                "pageSize=-1", "Invalid pageSize: it cannot be negative, got -1",
                "ascending=yes", "Invalid ascending: expected true or false, got 'yes'",
                "includeData=1", "Invalid includeData: expected true or false, got '1'",
                "startTime=yesterday", "Invalid startTime: not a whole number: 'yesterday'",
                "hashes=" + shortHash, "Invalid hashes: a message hash is 64 hex digits, got '" + shortHash + "'",
                "cursor=" + "zz".repeat(32), "Invalid cursor: a message hash is hex, got '" + "zz".repeat(32) + "'",
                "contentTopics=" + CHAT + ",," + STATUS, "Invalid contentTopics: an empty item in '" + CHAT + ",,"
                        + STATUS + "'",
                "peerAddr=/ip4/127.0.0.1/tcp/1", "Invalid peerAddr: multiaddr '/ip4/127.0.0.1/tcp/1' lacks /p2p/<peer id>");
        answers.forEach((query, expected) -> {
            Reply reply = storeRest.get(MESSAGES + "?" + query);
            assertEquals(400, reply.status(), query + ": " + reply.body());
            assertEquals(expected, reply.body(), query);
        });
        Reply topic = storeRest.get(MESSAGES + "?pubsubTopic=/waku/2/rs/0/x");
        assertEquals(400, topic.status());
        assertTrue(topic.body().startsWith("Invalid pubsubTopic: "), topic.body());
        Reply self = relayRest.get(MESSAGES + "?peerAddr=" + address(relayNode));
        assertEquals(400, self.status());
        assertTrue(self.body().startsWith("Invalid peerAddr: ") && self.body().endsWith(" is this node"), self.body());
    }

    @Test
    void queriesTheStoreRefusesAnswerWithItsStatusInJson() {
        String hundredAndOne = String.join(",", Collections.nCopies(101, hashes(published).getFirst()));
        MessageHash notStored = MessageHash.compute(PubsubTopic.of(SHARD), WakuMessage.builder().contentTopic(CHAT)
                .payload(new byte[] {1}).timestamp(1).build());

        Reply tooMany = storeRest.get(MESSAGES + "?hashes=" + hundredAndOne);
        Reply unknownCursor = storeRest.get(MESSAGES + "?cursor=" + notStored.toHex());

        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("BAD_REQUEST: invalid query: too many message hashes: 101, at most 100",
                tooMany.json().get("statusDesc").asText());
        assertEquals(500, unknownCursor.status(), unknownCursor.body());
        assertEquals(300, unknownCursor.json().get("statusCode").asInt());
        assertEquals("BAD_RESPONSE: archive error: cursor not found: " + notStored,
                unknownCursor.json().get("statusDesc").asText());
    }

    @Test
    void withoutArchiveOrKnownStorePeerTheAnswerIs412() {
        LogosDelivery lonely = nodes.start(RestNodes.protocols(), RestNodes.rest(false, List.of()));

        Reply reply = RestNodes.client(lonely).get(MESSAGES + "?contentTopics=" + CHAT);

        assertEquals(412, reply.status(), reply.body());
        assertEquals("No suitable service peer & no discovery method", reply.body());
    }

    /** Follows the cursors from {@code query} to the last page; the hashes of each page. */
    private static List<List<String>> pages(RestClient rest, String query) {
        List<List<String>> pages = new ArrayList<>();
        JsonNode page = ok(rest.get(query));
        while (true) {
            pages.add(hashesIn(page));
            if (!page.has("paginationCursor")) {
                return pages;
            }
            page = ok(rest.get(query + "&cursor=" + page.get("paginationCursor").asText()));
        }
    }

    private static JsonNode ok(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static List<String> hashesIn(JsonNode page) {
        List<String> hashes = new ArrayList<>();
        page.get("messages").forEach(entry -> hashes.add(entry.get("messageHash").asText()));
        return hashes;
    }

    private static List<String> hashes(WakuMessage... messages) {
        return hashes(List.of(messages));
    }

    private static List<String> hashes(List<WakuMessage> messages) {
        return messages.stream().map(message -> MessageHash.compute(PubsubTopic.of(SHARD), message).toHex()).toList();
    }

    private static String json(WakuMessage message) {
        return "{\"payload\": \"" + Base64.getEncoder().encodeToString(message.payload()) + "\", \"contentTopic\": \""
                + message.contentTopic() + "\", \"timestamp\": " + message.timestamp() + "}";
    }

    private static String address(LogosDelivery node) {
        return node.kernel().listenAddresses().getFirst();
    }
}
