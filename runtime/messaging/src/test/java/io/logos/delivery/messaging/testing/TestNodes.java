package io.logos.delivery.messaging.testing;

import io.logos.delivery.api.kernel.node.NodeSettings;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.kernel.node.WakuNodeFactory;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.testkit.time.Eventually;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Starts real kernel nodes on 127.0.0.1 with ephemeral ports, through the kernel's API, and stops those still
 * running at the end of a test.
 */
public final class TestNodes implements AutoCloseable {

    public static final int CLUSTER = 42;

    private final int numShards;
    private final Clock clock;
    private final List<WakuNode> running = new ArrayList<>();

    /** @param clock the time every node reads */
    public TestNodes(int numShards, Clock clock) {
        this.numShards = numShards;
        this.clock = clock;
    }

    /** A core node that relays and serves light push, filter and store (over a memory archive). */
    public WakuNode service() throws Exception {
        return start(settings -> settings.services(true, true).archive("memory://"));
    }

    /** A core node that relays and serves light push and filter, without a store. */
    public WakuNode filterService() throws Exception {
        return start(settings -> settings.services(true, true));
    }

    /** A core node that relays and serves store. */
    public WakuNode storeService() throws Exception {
        return start(settings -> settings.archive("memory://"));
    }

    /** A core node that only relays. */
    public WakuNode relay() throws Exception {
        return start(UnaryOperator.identity());
    }

    /** A node without relay: light push, filter and store clients. */
    public WakuNode edge() throws Exception {
        return start(settings -> settings.relay(false));
    }

    public WakuNode start(UnaryOperator<NodeSettings.Builder> adjust) throws Exception {
        NodeSettings settings = adjust.apply(NodeSettings.builder(CLUSTER, numShards)
                .listenAddresses(List.of("/ip4/127.0.0.1/tcp/0")).clock(clock)).build();
        WakuNode node = WakuNodeFactory.load().create(settings);
        node.start().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    public void stop(WakuNode node) throws Exception {
        if (running.remove(node)) {
            node.stop().get(30, TimeUnit.SECONDS);
        }
    }

    /** Connects {@code from} to {@code to} and waits until {@code from} knows the protocols {@code to} serves. */
    public static void connect(WakuNode from, WakuNode to) throws Exception {
        from.peers().connect(to.listenAddresses().getFirst()).get(30, TimeUnit.SECONDS);
        Eventually.waitUntil(() -> from.peers().connected().stream().anyMatch(peer -> peer.peerId().equals(to.peerId())
                && !peer.protocols().isEmpty()), from.peerId() + " identified " + to.peerId());
    }

    /** Waits until {@code node} has a relay mesh peer on {@code shard}. */
    public static void awaitMesh(WakuNode node, PubsubTopic shard) throws InterruptedException {
        Eventually.waitUntil(() -> node.relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY,
                node.peerId() + " has a mesh peer on " + shard);
    }

    @Override
    public void close() throws Exception {
        for (WakuNode node : List.copyOf(running)) {
            stop(node);
        }
    }
}
