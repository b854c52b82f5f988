package io.logos.delivery.messaging.receive;

import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static io.logos.delivery.messaging.testing.TestNodes.awaitMesh;
import static io.logos.delivery.messaging.testing.TestNodes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.MessagingEvent.ConnectionStatusChanged;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.messaging.health.ConnectionMonitor;
import io.logos.delivery.messaging.testing.CountingStoreNode;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.messaging.testing.TestNodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Store backfill happens after the node was offline, and only then. */
class BackfillTest {

    private static final String CHAT = "/app/1/chat/proto";
    private static final String NEWS = "/app/1/news/proto";

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
    void messagesMissedWhileOfflineArriveOnceFromStoreInTimestampOrder() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        nodes = new TestNodes(1, clock);
        WakuNode store = nodes.storeService();
        WakuNode filter = nodes.filterService();
        WakuNode publishing = nodes.relay();
        CountingStoreNode edge = new CountingStoreNode(nodes.edge());
        PubsubTopic shard = store.shards().getFirst();
        connect(publishing, store);
        connect(filter, store);
        connect(edge, filter);
        connect(edge, store);
        awaitMesh(filter, shard);
        awaitMesh(publishing, shard);
        receiver = Receiver.start(edge, Mode.EDGE, MessagingOptions.builder().clock(clock).build());
        receiver.subscribe(CHAT);
        awaitSubscribedAt(edge, filter);
        receiver.statusChanged(ConnectionStatus.DISCONNECTED, ConnectionStatus.PARTIALLY_CONNECTED);
        Publisher publisher = new Publisher(publishing, clock);

        clock.advance(Duration.ofSeconds(1));
        MessageHash beforeOutage = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(beforeOutage), "a message arrived through filter");

        nodes.stop(filter);
        clock.advance(Duration.ofSeconds(1));
        receiver.statusChanged(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatus.DISCONNECTED);
        clock.advance(Duration.ofSeconds(1));
        WakuMessage missedFirst = publisher.message(CHAT);
        MessageHash missed1 = publisher.publish(missedFirst);
        clock.advance(Duration.ofSeconds(1));
        MessageHash missed2 = publisher.publish(CHAT);
        clock.advance(Duration.ofSeconds(1));
        MessageHash missed3 = publisher.publish(CHAT);
        waitUntil(() -> publisher.storeHolds(store, List.of(missed1, missed2, missed3)), "the store holds them");
        assertEquals(0, edge.storeQueries(), "no store query before the node is back");

        WakuNode newFilter = nodes.filterService();
        connect(newFilter, store);
        awaitMesh(newFilter, shard);
        connect(edge, newFilter);
        awaitSubscribedAt(edge, newFilter);
        clock.advance(Duration.ofSeconds(1));
        MessageHash afterReturn = publisher.publish(CHAT);
        waitUntil(() -> receiver.events.received(afterReturn), "a message arrived through the new filter peer");

        clock.advance(Duration.ofSeconds(1));
        receiver.statusChanged(ConnectionStatus.DISCONNECTED, ConnectionStatus.PARTIALLY_CONNECTED);
        waitUntil(() -> receiver.events.received(missed3), "the backfill brought the missed messages");
        receiver.onThread(() -> { }); // the backfill emits in one task: it is over now
        assertEquals(List.of(beforeOutage, afterReturn, missed1, missed2, missed3), receiver.events.receivedHashes(),
                "the missed messages once each, in timestamp order; those received before not again");
        assertTrue(edge.storeQueries() >= 2, "a hash query, then a look-up of the missed ones");

        // a node that never saw the first missed message pushes it again through filter: still once
        WakuNode latePublishing = nodes.relay();
        connect(latePublishing, newFilter);
        awaitMesh(latePublishing, shard);
        Publisher late = new Publisher(latePublishing, clock);
        late.publish(missedFirst);
        clock.advance(Duration.ofSeconds(1));
        MessageHash barrier = late.publish(CHAT);
        waitUntil(() -> receiver.events.received(barrier), "a later message arrived through filter");
        receiver.onThread(() -> { });
        assertEquals(List.of(beforeOutage, afterReturn, missed1, missed2, missed3, barrier),
                receiver.events.receivedHashes());
    }

    @Test
    void aCoreNodeOnlineForHoursSendsNoStoreQuery() throws Exception {
        nodes = new TestNodes(1, Clock.systemUTC());
        WakuNode service = nodes.service();
        WakuNode publishing = nodes.relay();
        CountingStoreNode core = new CountingStoreNode(nodes.relay());
        connect(core, service);
        connect(publishing, service);
        MutableClock clock = new MutableClock(Instant.now());
        receiver = Receiver.start(core, Mode.CORE, MessagingOptions.builder().clock(clock).build());
        receiver.subscribe(CHAT);
        runForHours(core, clock);

        PubsubTopic shard = service.shards().getFirst();
        awaitMesh(core, shard);
        awaitMesh(publishing, shard);
        MessageHash stillReceived = new Publisher(publishing, Clock.systemUTC()).publish(CHAT);
        waitUntil(() -> receiver.events.received(stillReceived), "a message arrived through relay");
        assertEquals(0, core.storeQueries(), "a continuously online node asks store nothing");
    }

    @Test
    void anEdgeNodeOnlineForHoursSendsNoStoreQuery() throws Exception {
        nodes = new TestNodes(1, Clock.systemUTC());
        WakuNode publishing = nodes.relay();
        List<WakuNode> services = List.of(nodes.service(), nodes.service());
        CountingStoreNode edge = new CountingStoreNode(nodes.edge());
        PubsubTopic shard = services.getFirst().shards().getFirst();
        for (WakuNode service : services) {
            connect(publishing, service);
            connect(edge, service);
            awaitMesh(service, shard);
        }
        MutableClock clock = new MutableClock(Instant.now());
        receiver = Receiver.start(edge, Mode.EDGE, MessagingOptions.builder().clock(clock).build());
        receiver.subscribe(CHAT);
        runForHours(edge, clock);

        MessageHash stillReceived = new Publisher(publishing, Clock.systemUTC()).publish(CHAT);
        waitUntil(() -> receiver.events.received(stillReceived), "a message arrived through filter");
        assertEquals(0, edge.storeQueries(), "a continuously online node asks store nothing");
    }

    /** Service-loop rounds with the real connection monitor while the clock moves on by three hours. */
    private void runForHours(WakuNode node, MutableClock clock) throws Exception {
        ConnectionMonitor monitor = new ConnectionMonitor(node, receiver.events,
                receiver.service::connectionStatusChanged);
        waitUntil(() -> {
            try {
                receiver.onThread(monitor::check);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return monitor.status().online();
        }, "the node is online");
        for (int minute = 0; minute < 180; minute++) {
            clock.advance(Duration.ofMinutes(1));
            receiver.onThread(() -> {
                monitor.check();
                receiver.service.runRound();
            });
        }
        assertEquals(List.of(new ConnectionStatusChanged(monitor.status())), receiver.events.events().stream()
                .filter(ConnectionStatusChanged.class::isInstance).toList(), "online from the start, all along");
    }

    private void awaitSubscribedAt(WakuNode edge, WakuNode service) throws Exception {
        waitUntil(() -> {
            try {
                receiver.round();
                edge.filter().ping(service.peerId()).join();
                return true;
            } catch (CompletionException e) {
                if (e.getCause() instanceof FilterException) {
                    return false;
                }
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "the receiver is subscribed at " + service.peerId());
    }
}
