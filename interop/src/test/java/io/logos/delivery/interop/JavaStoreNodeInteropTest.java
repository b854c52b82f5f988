package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.plugin.archive.memory.MemoryArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A js-waku 0.0.36 light node queries a Java store node (relay and store over the in-memory archive) that holds
 * more than three pages: by content topic forwards and backwards, by time range and by hashes. js pages on
 * with the hash of the last (forward) or first (backward) message of each page until a page is empty; the
 * messages come in the order nwaku serves them, with the hashes @waku/message-hash computes.
 */
class JavaStoreNodeInteropTest {

    private static final ShardingConfig CLUSTER_1 = new ShardingConfig(1, List.of(), 8);
    private static final String TOPIC = "/interop/1/history/proto";
    private static final String OTHER_TOPIC = "/interop/1/elsewhere/proto";

    private final ArchiveDriver archive = new MemoryArchiveDriverFactory().create(
            new ArchiveDriverConfig("memory://", 1));
    /**
     * 75 messages 4 ms apart: four pages of 20, the last one short. js-waku turns its Date time filters into
     * nanoseconds with a floating-point product (ms × 10^6), exact today only for multiples of 4 ms; the
     * timestamps are such multiples so that js asks for exactly the bounds the test means.
     */
    private final List<ArchivedMessage> history = new ArrayList<>();
    private JavaNode store;
    private JsPeer light;

    @BeforeEach
    void start() throws Exception {
        store = JavaNode.start(CLUSTER_1, config -> config, Optional.of(archive));
        PubsubTopic shard = store.node().relay().orElseThrow().pubsubTopicOf(ContentTopic.parse(TOPIC));
        PubsubTopic otherShard = store.node().relay().orElseThrow().pubsubTopicOf(ContentTopic.parse(OTHER_TOPIC));
        long startMillis = (Instant.now().toEpochMilli() - 60_000) / 4 * 4;
        IntStream.range(0, 75).forEach(i -> history.add(ArchivedMessage.of(shard, message(TOPIC, i,
                (startMillis + 4L * i) * 1_000_000))));
        history.sort(Comparator.comparingLong(ArchivedMessage::timestamp).thenComparing(ArchivedMessage::hash));
        history.forEach(archive::put);
        IntStream.range(0, 10).forEach(i -> archive.put(ArchivedMessage.of(otherShard, message(OTHER_TOPIC, i,
                (startMillis + 4L * i) * 1_000_000))));
        light = JsPeer.start(JsPeer.Stack.WAKU_LIGHT, JsPeer.options().put("clusterId", 1)
                .put("numShardsInCluster", 8));
        light.call("dial", "dialed", "addr", store.address(), "protocols", List.of("store"));
    }

    @AfterEach
    void stop() throws Exception {
        light.close();
        store.close();
        archive.close();
    }

    private static WakuMessage message(String topic, int index, long timestamp) {
        return WakuMessage.builder().contentTopic(topic)
                .payload((topic + " #" + index).getBytes(StandardCharsets.UTF_8)).timestamp(timestamp).build();
    }

    @Test
    void pagesForwardThroughAContentTopicInOrder() {
        JsonNode stored = light.call("store", "stored", "contentTopics", List.of(TOPIC));

        assertEquals(hashes(history), hashesIn(stored));
        assertEquals(4, stored.get("pages").asInt());
        assertEquals(5, stored.get("requests").asInt(), "four pages and the empty one that ends js's paging");
        JsonNode first = stored.get("messages").get(0);
        assertEquals(TOPIC + " #0", JsPeer.text(first, "payload"));
        assertEquals(Long.toString(history.getFirst().timestamp()), first.get("timestamp").asText());
        assertEquals(history.getFirst().pubsubTopic().value(), first.get("pubsubTopic").asText());
    }

    @Test
    void pagesBackwardFromTheNewestEachPageFromOldToNew() {
        JsonNode stored = light.call("store", "stored", "contentTopics", List.of(TOPIC), "forward", false,
                "pageSize", 30);

        List<MessageHash> expected = new ArrayList<>();
        expected.addAll(hashes(history.subList(45, 75)));
        expected.addAll(hashes(history.subList(15, 45)));
        expected.addAll(hashes(history.subList(0, 15)));
        assertEquals(expected, hashesIn(stored));
        assertEquals(3, stored.get("pages").asInt());
        assertEquals(4, stored.get("requests").asInt());
    }

    @Test
    void aTimeRangeIncludesBothEndsAsNwakuDoes() {
        JsonNode stored = light.call("store", "stored", "contentTopics", List.of(TOPIC),
                "timeStart", Long.toString(history.get(10).timestamp()),
                "timeEnd", Long.toString(history.get(19).timestamp()), "pageSize", 4);

        assertEquals(hashes(history.subList(10, 20)), hashesIn(stored));
        assertEquals(3, stored.get("pages").asInt());
    }

    @Test
    void hashLookUpsAnswerTheStoredOnesInOrder() {
        MessageHash unknown = ArchivedMessage.of(history.getFirst().pubsubTopic(), message(TOPIC, 999, 1)).hash();
        List<ArchivedMessage> wanted = List.of(history.get(60), history.get(3), history.get(41));

        JsonNode stored = light.call("store", "stored", "contentTopics", List.of(TOPIC), "messageHashes",
                List.of(wanted.get(0).hash().toHex(), unknown.toHex(), wanted.get(1).hash().toHex(),
                        wanted.get(2).hash().toHex()));

        assertEquals(List.of(history.get(3).hash(), history.get(41).hash(), history.get(60).hash()),
                hashesIn(stored));
        assertEquals(TOPIC + " #41", JsPeer.text(stored.get("messages").get(1), "payload"));
    }

    private static List<MessageHash> hashes(List<ArchivedMessage> messages) {
        return messages.stream().map(ArchivedMessage::hash).toList();
    }

    private static List<MessageHash> hashesIn(JsonNode stored) {
        return StreamSupport.stream(stored.get("messages").spliterator(), false)
                .map(message -> MessageHash.fromHex(message.get("hash").asText())).toList();
    }
}
