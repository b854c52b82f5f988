package io.logos.delivery.bench;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.host.HostPubSub;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark (b), Java side: gossipsub messages per second between Java hosts on loopback, the way
 * interop/js/libp2p3/gossip-bench.mjs measures js-libp2p: one publisher dials every subscriber (a star),
 * publishes {@code --messages} distinct messages of {@code --size} bytes as fast as it can while at most
 * {@code --window} messages are not yet received by every subscriber, and a round lasts until the last
 * subscriber has the last message. The figure is messages/s, each delivered to every subscriber.
 *
 * <pre>java -cp benchmarks.jar io.logos.delivery.bench.GossipThroughput --subscribers 3 --messages 20000 --rounds 5</pre>
 */
public final class GossipThroughput {

    private static final String TOPIC = "/logos-bench/1/gossip/proto";

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        int subscribers = args.integer("subscribers", 1);
        int messages = args.integer("messages", 20_000);
        int size = args.integer("size", 1024);
        int window = args.integer("window", 1000);
        int rounds = args.integer("rounds", 5);
        double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double rate = run(subscribers, messages, size, window);
            if (round >= 0) {
                rates[round] = rate;
                System.out.printf(Locale.ROOT, "round %d: %.0f msgs/s%n", round + 1, rate);
            }
        }
        Stats stats = Stats.of(rates);
        System.out.printf(Locale.ROOT, "RESULT bench=gossip-java subscribers=%d size=%d messages=%d median=%.0f "
                + "mean=%.0f min=%.0f max=%.0f rsd=%.1f%%%n", subscribers, size, messages, stats.median(), stats.mean(),
                stats.min(), stats.max(), stats.relativeStdevPercent());
    }

    /** One round on fresh hosts; the first round of {@link #main} warms the JVM up and is not counted. */
    static double run(int subscriberCount, int messages, int size, int window) throws Exception {
        List<Host> hosts = new ArrayList<>();
        List<GossipSub> routers = new ArrayList<>();
        try {
            for (int i = 0; i <= subscriberCount; i++) {
                Host host = new Host(HostConfig.of(Keys.generate(), List.of(LoopbackPair.ANY_LOOPBACK_PORT), "bench"));
                host.start().get(30, TimeUnit.SECONDS);
                hosts.add(host);
                routers.add(HostPubSub.attach(host, GossipSubConfig.defaults()));
            }
            GossipSub publisher = routers.getFirst();
            AtomicLongArray received = new AtomicLongArray(subscriberCount);
            Semaphore inFlight = new Semaphore(window);
            for (int i = 0; i < subscriberCount; i++) {
                int subscriber = i;
                routers.get(i + 1).subscribe(TOPIC, message -> {
                    // a message frees a window slot once the slowest subscriber has it
                    if (received.incrementAndGet(subscriber) <= minimum(received)) {
                        inFlight.release();
                    }
                });
            }
            publisher.subscribe(TOPIC, message -> { });
            for (int i = 1; i < hosts.size(); i++) {
                hosts.getFirst().dial(hosts.get(i).dialableAddresses().getFirst()).get(30, TimeUnit.SECONDS);
            }
            awaitMesh(publisher, hosts.subList(1, hosts.size()).stream().map(Host::peerId).toList());

            byte[] payload = new byte[size];
            long start = System.nanoTime();
            for (long n = 0; n < messages; n++) {
                inFlight.acquire();
                ByteBuffer.wrap(payload).putLong(n); // distinct data, distinct message ids
                PublishResult result = publisher.publish(TOPIC, payload.clone()).get(30, TimeUnit.SECONDS);
                if (result.status() != PublishResult.Status.PUBLISHED) {
                    throw new IllegalStateException("publish " + n + " failed: " + result);
                }
            }
            inFlight.acquire(window);
            long elapsed = System.nanoTime() - start;
            return messages / (elapsed / 1e9);
        } finally {
            routers.forEach(GossipSub::close);
            for (Host host : hosts) {
                host.stop().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long minimum(AtomicLongArray counts) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < counts.length(); i++) {
            min = Math.min(min, counts.get(i));
        }
        return min;
    }

    private static void awaitMesh(GossipSub publisher, List<PeerId> subscribers) throws Exception {
        long deadline = System.nanoTime() + LoopbackPair.TIMEOUT.toNanos();
        while (!publisher.meshPeers(TOPIC).get(30, TimeUnit.SECONDS).containsAll(subscribers)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mesh did not form within " + LoopbackPair.TIMEOUT);
            }
            Thread.sleep(20);
        }
    }
}
