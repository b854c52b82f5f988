package io.logos.delivery.messaging.receive;

import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static io.logos.delivery.messaging.testing.TestNodes.awaitMesh;
import static io.logos.delivery.messaging.testing.TestNodes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.messaging.testing.TestNodes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An edge node receives through filter subscriptions at several service peers, replaced when lost. */
class EdgeReceiveTest {

    private static final String CHAT = "/app/1/chat/proto";
    private static final String NEWS = "/app/1/news/proto";
    private static final int FILTER_NOT_FOUND = 404;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final TestNodes nodes = new TestNodes(1, clock);
    private Receiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        nodes.close();
    }

    @Test
    void subscribesAtTwoServicePeersAndReplacesALostOne() throws Exception {
        WakuNode publishing = nodes.relay();
        WakuNode first = nodes.filterService();
        WakuNode second = nodes.filterService();
        WakuNode edge = nodes.edge();
        PubsubTopic shard = first.shards().getFirst();
        for (WakuNode service : List.of(first, second)) {
            connect(publishing, service);
            connect(edge, service);
            awaitMesh(service, shard);
        }
        receiver = Receiver.start(edge, Mode.EDGE, MessagingOptions.builder().clock(clock).filterPeers(2).build());
        receiver.subscribe(CHAT);
        awaitSubscribedAt(edge, first);
        awaitSubscribedAt(edge, second);
        Publisher publisher = new Publisher(publishing, clock);

        MessageHash pushedByBoth = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(pushedByBoth), "the message pushed by both services arrived");

        nodes.stop(first);
        MessageHash throughTheOneLeft = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(throughTheOneLeft), "a message arrived through the service left");

        WakuNode third = nodes.filterService();
        connect(publishing, third);
        awaitMesh(third, shard);
        connect(edge, third);
        awaitSubscribedAt(edge, third);

        nodes.stop(second);
        MessageHash throughTheNewOne = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(throughTheNewOne), "a message arrived through the new service");
        receiver.onThread(() -> { });
        assertEquals(List.of(pushedByBoth, throughTheOneLeft, throughTheNewOne), receiver.events.receivedHashes(),
                "each message once");
    }

    @Test
    void replacesALostServicePeerWithAConnectedSpare() throws Exception {
        WakuNode publishing = nodes.relay();
        List<WakuNode> services = List.of(nodes.filterService(), nodes.filterService(), nodes.filterService());
        WakuNode edge = nodes.edge();
        PubsubTopic shard = services.getFirst().shards().getFirst();
        for (WakuNode service : services) {
            connect(publishing, service);
            connect(edge, service);
            awaitMesh(service, shard);
        }
        receiver = Receiver.start(edge, Mode.EDGE, MessagingOptions.builder().clock(clock).filterPeers(2).build());
        receiver.subscribe(CHAT);
        waitUntil(() -> subscribedAt(edge, services).size() == 2, "subscribed at two of the three services");
        List<WakuNode> used = subscribedAt(edge, services);
        WakuNode spare = services.stream().filter(service -> !used.contains(service)).findFirst().orElseThrow();

        nodes.stop(used.getFirst());
        awaitSubscribedAt(edge, spare);
        Publisher publisher = new Publisher(publishing, clock);
        MessageHash afterTheLoss = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(afterTheLoss), "a message arrived after the loss");
        receiver.onThread(() -> { });
        assertEquals(List.of(afterTheLoss), receiver.events.receivedHashes());
    }

    private static List<WakuNode> subscribedAt(WakuNode edge, List<WakuNode> services) {
        return services.stream().filter(service -> pingStatus(edge, service) == 200).toList();
    }

    @Test
    void unsubscribeStopsEmissionAndCloseEndsTheSubscriptionsAtTheServices() throws Exception {
        WakuNode publishing = nodes.relay();
        WakuNode service = nodes.filterService();
        WakuNode edge = nodes.edge();
        connect(publishing, service);
        connect(edge, service);
        awaitMesh(service, service.shards().getFirst());
        receiver = Receiver.start(edge, Mode.EDGE, MessagingOptions.builder().clock(clock).build());
        receiver.subscribe(CHAT, NEWS);
        awaitSubscribedAt(edge, service);
        Publisher publisher = new Publisher(publishing, clock);
        MessageHash news = publisher.publish(NEWS);
        waitUntil(() -> receiver.events.received(news), "a news message arrived");

        receiver.unsubscribe(NEWS);
        MessageHash unwanted = publisher.publish(NEWS);
        MessageHash chat = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(chat), "a chat message arrived");
        receiver.onThread(() -> { });
        assertFalse(receiver.events.received(unwanted), "the unsubscribed topic is no longer emitted");

        receiver.close();
        waitUntil(() -> pingStatus(edge, service) == FILTER_NOT_FOUND, "the service holds no subscription of ours");
    }

    /** Waits until {@code service} answers our filter ping: it holds a subscription of ours. */
    private void awaitSubscribedAt(WakuNode edge, WakuNode service) throws Exception {
        waitUntil(() -> {
            try {
                receiver.round();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return pingStatus(edge, service) == 200;
        }, "the receiver is subscribed at " + service.peerId());
    }

    private static int pingStatus(WakuNode edge, WakuNode service) {
        try {
            edge.filter().ping(service.peerId()).join();
            return 200;
        } catch (CompletionException e) {
            return e.getCause() instanceof FilterException refused ? refused.statusCode() : -1;
        }
    }
}
