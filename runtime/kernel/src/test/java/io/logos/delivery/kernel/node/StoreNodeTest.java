package io.logos.delivery.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.kernel.store.StoreProtocol;
import io.logos.delivery.kernel.store.StoreResume;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MemoryArchives;
import io.logos.delivery.kernel.testing.TestNodes;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kernel nodes with archives: relayed messages are served by store, and a fresh store node resumes from another. */
class StoreNodeTest {

    private static final ShardingConfig SHARDING = new ShardingConfig(3, List.of(), 4);
    private static final ContentTopic TOPIC = ContentTopic.parse("/app/1/history/proto");
    private final TestNodes nodes = new TestNodes();
    private final List<ArchiveDriver> archives = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
        archives.forEach(ArchiveDriver::close);
    }

    private ArchiveDriver archive() {
        ArchiveDriver archive = MemoryArchives.open();
        archives.add(archive);
        return archive;
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static WakuMessage message(int index, long timestamp) {
        return WakuMessage.builder().contentTopic(TOPIC.value())
                .payload(("message " + index).getBytes(StandardCharsets.UTF_8)).timestamp(timestamp).build();
    }

    private static PeerManagerConfig storePeer(KernelNode store, int clusterId) {
        return PeerManagerConfig.builder(clusterId)
                .serviceNode(PeerManagerConfig.STORE_PROTOCOL, store.listenAddresses().getFirst()).build();
    }

    @Test
    void relayedMessagesAreArchivedAndServedToALightClientPageByPage() throws Exception {
        ArchiveDriver archive = archive();
        KernelNode store = nodes.start(SHARDING, config -> config, Optional.of(archive));
        KernelNode publisher = nodes.start(SHARDING);
        TestNodes.connect(publisher, store);
        PubsubTopic shard = publisher.relay().orElseThrow().pubsubTopicOf(TOPIC);
        Await.until(() -> publisher.relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY, "a mesh");
        KernelNode client = nodes.start(SHARDING, config -> config.withRelay(false).withPeers(storePeer(store, 3)));
        long start = nowNanos();
        List<MessageHash> published = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            PublishOutcome outcome = Await.await(publisher.relay().orElseThrow().publish(message(i, start + i)));
            assertEquals(PublishOutcome.Status.PUBLISHED, outcome.status());
            published.add(outcome.hash());
        }
        Await.until(() -> archive.count() == 45, "the store node archives what it relays");
        assertTrue(store.protocols().contains(StoreProtocol.ID));

        StoreQuery query = StoreQuery.builder().includeData(true).pubsubTopic(shard).contentTopics(List.of(TOPIC.value()))
                .direction(PagingDirection.FORWARD).build();
        List<StoredMessage> received = new ArrayList<>();
        StoreResponse page = Await.await(client.store().queryToAny(query, 3));
        int pages = 1;
        while (page.succeeded() && page.cursor().isPresent()) {
            received.addAll(page.messages());
            page = Await.await(client.store().query(query.withCursor(page.cursor().get()), page.peer()));
            pages++;
        }
        assertEquals(StoreResponse.SUCCESS, page.statusCode(), page.description());
        received.addAll(page.messages());

        assertEquals(3, pages);
        assertEquals(Optional.of(store.peerId()), page.peer());
        assertEquals(published, received.stream().map(StoredMessage::hash).toList(), "in timestamp order");
        assertEquals(message(44, start + 44), received.getLast().message().orElseThrow());
    }

    @Test
    void resumeFillsAFreshArchiveWithWhatAStorePeerHoldsOfItsShards() throws Exception {
        ArchiveDriver full = archive();
        KernelNode source = nodes.start(SHARDING, config -> config, Optional.of(full));
        long now = nowNanos();
        PubsubTopic shard0 = PubsubTopic.of("/waku/2/rs/3/0");
        PubsubTopic shard3 = PubsubTopic.of("/waku/2/rs/3/3");
        List<ArchivedMessage> onShard0 = IntStream.range(0, 130)
                .mapToObj(i -> ArchivedMessage.of(shard0, message(i, now - Duration.ofMinutes(i).toNanos()))).toList();
        onShard0.forEach(full::put);
        full.put(ArchivedMessage.of(shard3, message(1000, now - 5)));
        full.put(ArchivedMessage.of(shard0, message(2000, now - StoreResume.MAX_RANGE.plusMinutes(1).toNanos())));
        full.put(ArchivedMessage.of(shard0, message(3000, now - 7).toBuilder().ephemeral(true).build()));
        ArchiveDriver fresh = archive();
        KernelNode resumed = nodes.start(new ShardingConfig(3, List.of(0, 1), 4),
                config -> config.withPeers(storePeer(source, 3)), Optional.of(fresh));

        long added = Await.await(resumed.resumeStore());

        assertEquals(130, added, "shard 0 of the last 6 hours, ephemeral messages aside");
        assertEquals(sorted(onShard0), fresh.find(ArchiveQuery.builder().limit(1000).build()));
        assertEquals(0L, Await.await(resumed.resumeStore()), "a second resume starts at the newest message");
    }

    @Test
    void aNodeConfiguredToResumeDoesSoAfterStarting() throws Exception {
        ArchiveDriver full = archive();
        KernelNode source = nodes.start(SHARDING, config -> config, Optional.of(full));
        long now = nowNanos();
        IntStream.range(0, 5).forEach(i -> full.put(ArchivedMessage.of(PubsubTopic.of("/waku/2/rs/3/2"),
                message(i, now - i))));
        ArchiveDriver fresh = archive();

        nodes.start(SHARDING, config -> config.withStoreResume(true).withPeers(storePeer(source, 3)),
                Optional.of(fresh));

        Await.until(() -> fresh.count() == 5, "the node resumed from its store peer");
    }

    @Test
    void resumingNeedsAnArchive() throws Exception {
        KernelNode relayOnly = nodes.start(SHARDING);

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> Await.await(relayOnly.resumeStore()));

        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertFalse(relayOnly.protocols().contains(StoreProtocol.ID), "no archive, no store service");
    }

    private static List<ArchivedMessage> sorted(List<ArchivedMessage> messages) {
        return messages.stream().sorted(Comparator.comparingLong(ArchivedMessage::timestamp)
                .thenComparing(ArchivedMessage::hash)).toList();
    }
}
