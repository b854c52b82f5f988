package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.node.KernelConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The nodes of the light push → filter benchmark, all Java, on loopback: a service node (relay, light
 * push, filter), one relay peer (so that the service has someone to relay to, as nwaku requires), and a
 * filter subscriber (an edge node) that records, for every delivered message, the time since the
 * message's timestamp, i.e. since the sender stamped it.
 */
final class ServiceNodeRig implements AutoCloseable {

    static final ShardingConfig SHARDING = new ShardingConfig(1, List.of(0), 1);
    static final String CONTENT_TOPIC = "/logos-bench/1/lightpush/proto";

    private final List<KernelNode> nodes = new ArrayList<>();
    private final KernelNode service;
    private final KernelNode subscriber;
    private final AtomicLong delivered = new AtomicLong();
    private final long[] latencyNanos;
    private volatile long lastDeliveryNanos;
    private final AtomicLong firstStampNanos = new AtomicLong(Long.MAX_VALUE);

    ServiceNodeRig(int expectedMessages) throws Exception {
        latencyNanos = new long[expectedMessages];
        // every sender connects from 127.0.0.1: the IP colocation limit (5, as nwaku) would refuse the sixth
        service = start(config -> config.withServices(true, true)
                .withPeers(PeerManagerConfig.builder(SHARDING.clusterId()).colocationLimit(0).build()));
        KernelNode relayPeer = start(UnaryOperator.identity());
        connect(relayPeer, service);
        PubsubTopic shard = shard();
        waitUntil(() -> service.relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY, "service mesh");
        subscriber = start(config -> config.withRelay(false));
        connect(subscriber, service);
        subscriber.filter().subscribe(shard, Set.of(ContentTopic.parse(CONTENT_TOPIC)), this::record,
                Optional.of(service.peerId())).get(30, TimeUnit.SECONDS);
    }

    PubsubTopic shard() {
        return service.relay().orElseThrow().pubsubTopicOf(ContentTopic.parse(CONTENT_TOPIC));
    }

    KernelNode start(UnaryOperator<KernelConfig> adjust) throws Exception {
        HostConfig host = HostConfig.of(Keys.generate(), List.of(LoopbackPair.ANY_LOOPBACK_PORT), "bench");
        KernelNode node = new KernelNode(adjust.apply(KernelConfig.relayNode(host, SHARDING)), Optional.empty());
        nodes.add(node);
        node.start().get(30, TimeUnit.SECONDS);
        return node;
    }

    static void connect(KernelNode from, KernelNode to) throws Exception {
        from.peers().connect(to.listenAddresses().getFirst()).get(30, TimeUnit.SECONDS);
    }

    private void record(ReceivedMessage message) {
        long index = delivered.getAndIncrement();
        long now = nowNanos();
        if (index < latencyNanos.length) {
            latencyNanos[(int) index] = now - message.message().timestamp();
        }
        lastDeliveryNanos = now;
        firstStampNanos.accumulateAndGet(message.message().timestamp(), Math::min);
    }

    /** Wall-clock time in nanoseconds, the clock message timestamps use (also in the js sender). */
    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    KernelNode service() {
        return service;
    }

    String serviceAddress() {
        return service.listenAddresses().getFirst();
    }

    PeerId serviceId() {
        return service.peerId();
    }

    long delivered() {
        return delivered.get();
    }

    /** From the earliest sender stamp to the last delivery: the round's duration, sender start-up excluded. */
    double deliverySeconds() {
        return (lastDeliveryNanos - firstStampNanos.get()) / 1e9;
    }

    /** Waits until {@code count} messages were delivered, or fails after {@code seconds}. */
    void awaitDelivered(long count, int seconds) throws InterruptedException {
        waitUntil(() -> delivered.get() >= count, count + " deliveries (have " + delivered.get() + ")", seconds);
    }

    long[] sortedLatencies() {
        long[] recorded = java.util.Arrays.copyOf(latencyNanos, (int) Math.min(delivered.get(), latencyNanos.length));
        java.util.Arrays.sort(recorded);
        return recorded;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        waitUntil(condition, what, 30);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws Exception {
        for (KernelNode node : nodes.reversed()) {
            node.stop().get(30, TimeUnit.SECONDS);
        }
    }
}
