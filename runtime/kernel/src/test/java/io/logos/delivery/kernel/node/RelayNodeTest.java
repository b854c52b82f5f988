package io.logos.delivery.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestNodes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayNodeTest {

    private static final ShardingConfig CLUSTER_7 = new ShardingConfig(7, List.of(), 4);
    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private static WakuMessage message(String text) {
        return WakuMessage.builder().contentTopic("/app/1/chat/proto")
                .payload(text.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Test
    void relaysBetweenTwoNodesOnTheAutoshardedTopic() throws Exception {
        KernelNode alice = nodes.start(CLUSTER_7);
        KernelNode bob = nodes.start(CLUSTER_7);
        List<ReceivedMessage> atBob = new CopyOnWriteArrayList<>();
        bob.relay().orElseThrow().addMessageListener(atBob::add);
        TestNodes.connect(alice, bob);
        Relay relay = alice.relay().orElseThrow();
        PubsubTopic topic = relay.pubsubTopicOf(ContentTopic.parse("/app/1/chat/proto"));
        assertEquals(4, alice.shards().size(), "every shard of the network without --shard");
        Await.until(() -> relay.health(topic) != TopicHealth.UNHEALTHY, "bob is in alice's mesh");

        PublishOutcome outcome = Await.await(relay.publish(message("hello")));

        assertEquals(PublishOutcome.Status.PUBLISHED, outcome.status());
        assertEquals(topic, outcome.pubsubTopic());
        assertEquals(1, outcome.peers());
        Await.until(() -> atBob.size() == 1, "bob receives the message");
        ReceivedMessage received = atBob.getFirst();
        assertEquals(topic, received.pubsubTopic());
        assertEquals(outcome.hash(), received.hash());
        assertEquals(MessageHash.compute(topic, received.message()), received.hash());
        assertTrue(received.message().timestamp() > 0, "a missing timestamp is set on publish");
    }

    @Test
    void listenersGetEachMessageInRegistrationOrderAndMessagesInArrivalOrder() throws Exception {
        KernelNode alice = nodes.start(CLUSTER_7);
        KernelNode bob = nodes.start(CLUSTER_7);
        List<String> calls = new CopyOnWriteArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            bob.relay().orElseThrow().addMessageListener(message -> calls.add(name + ":"
                    + new String(message.message().payload(), StandardCharsets.UTF_8)));
        }
        bob.relay().orElseThrow().addMessageListener(message -> {
            throw new IllegalStateException("a failing listener stops nobody");
        });
        TestNodes.connect(alice, bob);
        Relay relay = alice.relay().orElseThrow();
        PubsubTopic topic = relay.pubsubTopicOf(ContentTopic.parse("/app/1/chat/proto"));
        Await.until(() -> relay.health(topic) != TopicHealth.UNHEALTHY, "mesh");

        for (int i = 0; i < 20; i++) {
            Await.await(relay.publish(message("m" + i)));
        }

        Await.until(() -> calls.size() == 60, "every listener gets every message");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (String name : List.of("first", "second", "third")) {
                expected.add(name + ":m" + i);
            }
        }
        assertEquals(expected, calls);
    }

    @Test
    void publishOutcomesNameNoPeersDuplicatesAndInvalidMessages() throws Exception {
        KernelNode alone = nodes.start(CLUSTER_7);
        Relay relay = alone.relay().orElseThrow();
        WakuMessage stamped = message("x").toBuilder().timestamp(nowNanos()).build();

        assertEquals(PublishOutcome.Status.NO_PEERS_TO_PUBLISH, Await.await(relay.publish(stamped)).status());

        KernelNode peer = nodes.start(CLUSTER_7);
        TestNodes.connect(alone, peer);
        PubsubTopic topic = relay.pubsubTopicOf(ContentTopic.parse(stamped.contentTopic()));
        Await.until(() -> relay.health(topic) != TopicHealth.UNHEALTHY, "a mesh peer");
        assertEquals(PublishOutcome.Status.PUBLISHED, Await.await(relay.publish(stamped)).status());
        assertEquals(PublishOutcome.Status.DUPLICATE, Await.await(relay.publish(stamped)).status());

        WakuMessage future = message("later").toBuilder().timestamp(nowNanos() + 60_000_000_000L).build();
        PublishOutcome invalid = Await.await(relay.publish(future));
        assertEquals(PublishOutcome.Status.INVALID, invalid.status());
        assertTrue(invalid.reason().orElseThrow().contains("future"), invalid.reason().orElseThrow());

        WakuMessage huge = WakuMessage.builder().contentTopic("/app/1/chat/proto").payload(new byte[200 * 1024]).build();
        PublishOutcome tooLarge = Await.await(relay.publish(huge));
        assertEquals(PublishOutcome.Status.INVALID, tooLarge.status());
        assertTrue(tooLarge.reason().orElseThrow().startsWith("Message size exceeded maximum of 153600 bytes"));
    }

    @Test
    void staticShardingNeedsAnExplicitTopicAndServesOnlyTheConfiguredShards() throws Exception {
        KernelNode node = nodes.start(new ShardingConfig(3, List.of(2, 5), 0));
        Relay relay = node.relay().orElseThrow();
        assertEquals(List.of(PubsubTopic.of("/waku/2/rs/3/2"), PubsubTopic.of("/waku/2/rs/3/5")), node.shards());
        assertEquals(java.util.Set.copyOf(node.shards()), relay.subscriptions());
        IllegalStateException noTopic = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> relay.publish(message("x")));
        assertTrue(noTopic.getMessage().contains("static sharding"));
    }

    @Test
    void reportsPeerEventsAndTopicHealthAsTheMeshChanges() throws Exception {
        KernelNode alice = nodes.start(CLUSTER_7);
        List<KernelEvent> events = new CopyOnWriteArrayList<>();
        alice.addEventListener(events::add);
        KernelNode bob = nodes.start(CLUSTER_7);
        TestNodes.connect(bob, alice);
        PubsubTopic shard0 = PubsubTopic.of("/waku/2/rs/7/0");

        Await.until(() -> events.contains(new KernelEvent.PeerConnected(bob.peerId(), true)), "bob connected");
        Await.until(() -> events.contains(new KernelEvent.TopicHealthChanged(shard0, TopicHealth.MINIMALLY_HEALTHY, 1)),
                "shard 0 minimally healthy with one mesh peer");

        Await.await(bob.stop());
        Await.until(() -> events.contains(new KernelEvent.PeerDisconnected(bob.peerId())), "bob disconnected");
        Await.until(() -> events.contains(new KernelEvent.TopicHealthChanged(shard0, TopicHealth.UNHEALTHY, 0)),
                "shard 0 unhealthy again");
    }

    @Test
    void unsubscribedNodeNoLongerReceives() throws Exception {
        KernelNode alice = nodes.start(CLUSTER_7);
        KernelNode bob = nodes.start(CLUSTER_7);
        List<ReceivedMessage> atBob = new CopyOnWriteArrayList<>();
        bob.relay().orElseThrow().addMessageListener(atBob::add);
        TestNodes.connect(alice, bob);
        PubsubTopic topic = alice.relay().orElseThrow().pubsubTopicOf(ContentTopic.parse("/app/1/chat/proto"));
        Await.until(() -> alice.relay().orElseThrow().health(topic) != TopicHealth.UNHEALTHY, "mesh");

        bob.relay().orElseThrow().unsubscribe(topic);
        Await.until(() -> alice.relay().orElseThrow().health(topic) == TopicHealth.UNHEALTHY, "bob left the mesh");
        Await.await(alice.relay().orElseThrow().publish(message("after")));
        // a later message on another shard proves delivery still works, and that nothing arrived on the left one
        PubsubTopic other = alice.shards().stream().filter(t -> !t.equals(topic)).findFirst().orElseThrow();
        Await.until(() -> alice.relay().orElseThrow().health(other) != TopicHealth.UNHEALTHY, "mesh on the other shard");
        Await.await(alice.relay().orElseThrow().publish(other, message("other")));
        Await.until(() -> atBob.size() == 1, "the message on the other shard");
        assertEquals(other, atBob.getFirst().pubsubTopic());
    }
}
