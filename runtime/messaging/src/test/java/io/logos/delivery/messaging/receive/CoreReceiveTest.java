package io.logos.delivery.messaging.receive;

import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static io.logos.delivery.messaging.testing.TestNodes.awaitMesh;
import static io.logos.delivery.messaging.testing.TestNodes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.messaging.testing.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A core node receives through relay: subscribed content topics only, each message once. */
class CoreReceiveTest {

    private static final String CHAT = "/app/1/chat/proto";
    private static final String NEWS = "/app/1/news/proto";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private TestNodes nodes;
    private Receiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        nodes.close();
    }

    @Test
    void emitsSubscribedRelayMessagesOnceWhateverPathBringsThemAgain() throws Exception {
        nodes = new TestNodes(1, clock);
        WakuNode service = nodes.service();
        WakuNode receiving = nodes.relay();
        WakuNode publishing = nodes.relay();
        connect(receiving, service);
        connect(publishing, service);
        PubsubTopic shard = receiving.shards().getFirst();
        receiver = Receiver.start(receiving, Mode.CORE, MessagingOptions.builder().clock(clock).build());
        receiver.subscribe(CHAT);
        awaitMesh(receiving, shard);
        awaitMesh(publishing, shard);
        Publisher publisher = new Publisher(publishing, clock);

        clock.advance(Duration.ofSeconds(1));
        MessageHash chat1 = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(chat1), "the chat message arrived through relay");
        clock.advance(Duration.ofSeconds(1));
        MessageHash news = publisher.publish(NEWS);
        clock.advance(Duration.ofSeconds(1));
        MessageHash chat2 = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(chat2), "the second chat message arrived after the news");
        assertEquals(List.of(chat1, chat2), receiver.events.receivedHashes(),
                "the news message, on the same shard but not subscribed, is not emitted");

        // a backfill over a window holding all three: only the news message, subscribed meanwhile, is new
        waitUntil(() -> publisher.storeHolds(service, List.of(chat1, news, chat2)), "the store holds all three");
        receiver.subscribe(NEWS);
        receiver.statusChanged(ConnectionStatus.DISCONNECTED, ConnectionStatus.PARTIALLY_CONNECTED);
        receiver.statusChanged(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatus.DISCONNECTED);
        clock.advance(Duration.ofSeconds(1));
        receiver.statusChanged(ConnectionStatus.DISCONNECTED, ConnectionStatus.PARTIALLY_CONNECTED);
        waitUntil(() -> receiver.events.received(news), "the backfill brought the news message");
        receiver.onThread(() -> { }); // the backfill emits in one task: it is over now
        assertEquals(List.of(chat1, chat2, news), receiver.events.receivedHashes());
    }

    @Test
    void joinsTheShardsOfItsTopicsLeavesOnlyThoseAndStopsEmittingUnsubscribedTopics() throws Exception {
        nodes = new TestNodes(2, clock);
        AutoSharding sharding = new AutoSharding(TestNodes.CLUSTER, 2);
        List<String> onShard0 = topicsOnShard(sharding, 0, 1);
        List<String> onShard1 = topicsOnShard(sharding, 1, 2);
        String joinedTopic = onShard0.getFirst();
        String kept = onShard1.get(0);
        String dropped = onShard1.get(1);
        PubsubTopic joinedShard = sharding.pubsubTopicOf(ContentTopic.parse(joinedTopic));
        PubsubTopic servedShard = sharding.pubsubTopicOf(ContentTopic.parse(kept));
        WakuNode service = nodes.service();
        WakuNode receiving = nodes.relay();
        WakuNode publishing = nodes.relay();
        Relay relay = receiving.relay().orElseThrow();
        relay.unsubscribe(joinedShard); // as if the operator had configured the other shard only
        connect(receiving, service);
        connect(publishing, service);
        receiver = Receiver.start(receiving, Mode.CORE, MessagingOptions.builder().clock(clock).build());

        receiver.subscribe(joinedTopic, kept, dropped);
        assertTrue(relay.subscriptions().contains(joinedShard), "the shard of a subscribed topic was joined");
        awaitMesh(receiving, joinedShard);
        awaitMesh(receiving, servedShard);
        awaitMesh(publishing, joinedShard);
        awaitMesh(publishing, servedShard);
        Publisher publisher = new Publisher(publishing, clock);
        MessageHash onJoined = publisher.publish(joinedTopic);
        MessageHash beforeUnsubscribe = publisher.publish(dropped);
        waitUntil(() -> receiver.events.received(onJoined) && receiver.events.received(beforeUnsubscribe),
                "messages on both shards arrived");

        receiver.unsubscribe(joinedTopic, dropped);
        assertFalse(relay.subscriptions().contains(joinedShard), "the shard joined for the topic was left");
        assertTrue(relay.subscriptions().contains(servedShard), "the node's own shard is kept");
        MessageHash afterUnsubscribe = publisher.publish(dropped);
        MessageHash barrier = publisher.publish(kept);
        waitUntil(() -> receiver.events.received(barrier), "a message on the topic still subscribed arrived");
        receiver.onThread(() -> { });
        assertFalse(receiver.events.received(afterUnsubscribe), "an unsubscribed topic is no longer emitted");

        receiver.unsubscribe(kept);
        assertTrue(relay.subscriptions().contains(servedShard), "the node's own shard is never left");
    }

    private static List<String> topicsOnShard(AutoSharding sharding, int shard, int count) {
        return IntStream.range(0, 1000).mapToObj(i -> "/app" + i + "/1/chat/proto")
                .filter(topic -> sharding.shardOf(ContentTopic.parse(topic)).shardId() == shard)
                .limit(count).toList();
    }
}
