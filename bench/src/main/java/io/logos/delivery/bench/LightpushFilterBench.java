package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.node.KernelNode;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of issue 4: light push requests per second that one Java service node accepts and relays into a
 * filter subscriber on loopback, with the end-to-end latency (sender's timestamp → filter delivery), p50 and
 * p99. The senders are either a Java light client ({@code --driver java}) or js-waku 0.0.36 light nodes
 * ({@code --driver js}, see {@link JsLightpushSenders}), keeping at most {@code --window} requests in flight
 * each.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.logos.delivery.bench.LightpushFilterBench --driver java --messages 20000
 * java -cp bench/target/benchmarks.jar io.logos.delivery.bench.LightpushFilterBench --driver js --clients 2 --js-dir interop/js</pre>
 */
public final class LightpushFilterBench {

    /** One round's figures. */
    record Result(long accepted, long refused, double perSecond, double p50Millis, double p99Millis) {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        String driver = args.string("driver", "java");
        int messages = args.integer("messages", 10_000);
        int window = args.integer("window", 64);
        int size = args.integer("size", 256);
        int clients = args.integer("clients", 1);
        int rounds = args.integer("rounds", 3);
        String jsDir = args.string("js-dir", "interop/js");
        double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            Result result = run(driver, messages, window, size, clients, jsDir);
            System.out.printf(Locale.ROOT, "%s %d: %d accepted, %d refused, %.0f msgs/s, p50 %.2f ms, p99 %.2f ms%n",
                    round < 0 ? "warm-up" : "round", round + 1, result.accepted(), result.refused(),
                    result.perSecond(), result.p50Millis(), result.p99Millis());
            if (round >= 0) {
                rates[round] = result.perSecond();
            }
        }
        Stats stats = Stats.of(rates);
        System.out.printf(Locale.ROOT, "RESULT bench=lightpush-filter driver=%s clients=%d window=%d size=%d "
                + "messages=%d median=%.0f min=%.0f max=%.0f rsd=%.1f%%%n", driver, clients, window, size, messages,
                stats.median(), stats.min(), stats.max(), stats.relativeStdevPercent());
    }

    /** One round on fresh nodes. */
    static Result run(String driver, int messages, int window, int size, int clients, String jsDir) throws Exception {
        try (ServiceNodeRig rig = new ServiceNodeRig(messages)) {
            long[] outcome = switch (driver) {
                case "java" -> pushFromJava(rig, messages, window, size);
                case "js" -> JsLightpushSenders.push(rig, jsDir, clients, messages, window, size);
                default -> throw new IllegalArgumentException("--driver must be java or js, was " + driver);
            };
            long accepted = outcome[0];
            rig.awaitDelivered(accepted, 60);
            double seconds = rig.deliverySeconds();
            long[] latencies = rig.sortedLatencies();
            return new Result(accepted, outcome[1], accepted / seconds,
                    Stats.percentile(latencies, 50) / 1e6, Stats.percentile(latencies, 99) / 1e6);
        }
    }

    /** Pushes from a Java light client; returns {accepted, refused}. */
    private static long[] pushFromJava(ServiceNodeRig rig, int messages, int window, int size) throws Exception {
        KernelNode client = rig.start(config -> config.withRelay(false));
        ServiceNodeRig.connect(client, rig.service());
        Semaphore inFlight = new Semaphore(window);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        for (int i = 0; i < messages; i++) {
            inFlight.acquire();
            byte[] payload = ByteBuffer.allocate(size).putInt(i).array();
            WakuMessage message = WakuMessage.builder().contentTopic(ServiceNodeRig.CONTENT_TOPIC).payload(payload)
                    .timestamp(ServiceNodeRig.nowNanos()).build();
            client.lightpush().push(Optional.of(rig.shard()), message, Optional.of(rig.serviceId()))
                    .whenComplete((result, failure) -> {
                        if (failure == null && result.statusCode() == LightpushResult.SUCCESS) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(window);
        return new long[] {accepted.get(), refused.get()};
    }

    private LightpushFilterBench() {
    }
}
