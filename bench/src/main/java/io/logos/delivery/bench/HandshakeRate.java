package io.logos.delivery.bench;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Benchmark (c): new secured connections per second and handshake latency. {@code --concurrency} lanes each
 * repeat: dial, wait until the connection is upgraded (multistream-select {@code /noise}, the Noise XX
 * handshake, multistream-select {@code /yamux/1.0.0}, yamux installed), close it and wait for the close. The
 * latency is from the start of the TCP connect to the upgraded connection; the rate counts whole cycles.
 *
 * <p>{@code --mode host}: {@link Host#dial} between two hosts, so the connection manager and identify (which
 * both hosts start on every new connection, and which the close cuts short) are part of it.
 * {@code --mode upgrade}: the same upgrade on bare Netty channels, the steps {@code Upgrader} takes, nothing
 * more. Each side has one event loop thread.
 *
 * <pre>java -cp benchmarks.jar io.logos.delivery.bench.HandshakeRate --mode host --concurrency 4 --warmup 5 --seconds 5 --rounds 5</pre>
 * With {@code --max-other-cores}, a round during which other processes kept more cores than that busy is
 * discarded and run again (at most twice the rounds), for shared machines.
 */
public final class HandshakeRate {

    /** Connections per second per round, and latency percentiles over all measured handshakes, in ms. */
    public record Result(String mode, int concurrency, Stats connectionsPerSecond, long handshakes, double p50,
                         double p90, double p99, double max, double mean, double cpuMsPerConnection,
                         double otherCores, int discardedRounds) {
    }

    private static final int STOP = Integer.MAX_VALUE;
    private static final int DISCARDED = -1;

    /** Opens one upgraded connection; closing it completes when the local side is closed. */
    private interface Dialer extends AutoCloseable {
        CompletableFuture<Runnable> dial();
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        Result result = run(args.string("mode", "host"), args.integer("concurrency", 1),
                LoopbackPair.keyType(args.string("key", "secp256k1")), args.decimal("warmup", 5),
                args.decimal("seconds", 5), args.integer("rounds", 5),
                args.decimal("max-other-cores", Double.POSITIVE_INFINITY), true);
        System.out.printf(Locale.ROOT, "RESULT bench=handshake mode=%s concurrency=%d mean=%.1f stdev=%.1f min=%.1f"
                        + " median=%.1f max=%.1f n=%d handshakes=%d p50=%.3f p90=%.3f p99=%.3f pmax=%.3f pmean=%.3f"
                        + " cpuMs=%.3f otherCores=%.2f discarded=%d%n",
                result.mode(), result.concurrency(), result.connectionsPerSecond().mean(),
                result.connectionsPerSecond().stdev(), result.connectionsPerSecond().min(),
                result.connectionsPerSecond().median(), result.connectionsPerSecond().max(),
                result.connectionsPerSecond().count(), result.handshakes(), result.p50(), result.p90(), result.p99(),
                result.max(), result.mean(), result.cpuMsPerConnection(), result.otherCores(),
                result.discardedRounds());
        System.exit(0);
    }

    public static Result run(String mode, int concurrency, KeyType keyType, double warmupSeconds,
                             double roundSeconds, int rounds, double maxOtherCores, boolean verbose)
            throws Exception {
        try (Dialer dialer = switch (mode) {
            case "host" -> hostDialer(keyType);
            case "upgrade" -> upgradeDialer(keyType);
            default -> throw new IllegalArgumentException("unknown --mode " + mode + ": host or upgrade");
        }) {
            // phase 0 is the warmup, then each round gets the next phase; STOP tells the lanes to stop
            int[] phase = {0};
            List<List<long[]>> perLane = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> lanes = new ArrayList<>();
            for (int lane = 0; lane < concurrency; lane++) {
                List<long[]> samples = new ArrayList<>();
                perLane.add(samples);
                lanes.add(Thread.ofPlatform().name("dial-lane-" + lane).start(() -> {
                    try {
                        while (true) {
                            synchronized (phase) {
                                if (phase[0] == STOP) {
                                    return;
                                }
                            }
                            long start = System.nanoTime();
                            Runnable close = dialer.dial().get(30, TimeUnit.SECONDS);
                            long latency = System.nanoTime() - start;
                            close.run();
                            synchronized (phase) {
                                samples.add(new long[] {phase[0], latency});
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            sleep(warmupSeconds, failure);
            List<Integer> keptPhases = new ArrayList<>();
            List<CpuMeter.Reading> readings = new ArrayList<>();
            int discarded = 0;
            for (int next = 1; keptPhases.size() < rounds && failure.get() == null; next++) {
                CpuMeter meter = new CpuMeter();
                synchronized (phase) {
                    phase[0] = next;
                }
                sleep(roundSeconds, failure);
                CpuMeter.Reading reading = meter.read();
                if (reading.otherCores() > maxOtherCores && discarded < 2 * rounds) {
                    discarded++;
                    if (verbose) {
                        System.out.printf(Locale.ROOT, "%s c=%d: round disturbed by other processes (%.2f cores):"
                                + " discarded, run again%n", mode, concurrency, reading.otherCores());
                    }
                    synchronized (phase) {
                        phase[0] = DISCARDED;
                    }
                    CpuMeter.waitForQuiet(maxOtherCores, 60);
                    continue;
                }
                keptPhases.add(next);
                readings.add(reading);
            }
            synchronized (phase) {
                phase[0] = STOP;
            }
            for (Thread lane : lanes) {
                lane.join(TimeUnit.SECONDS.toMillis(60));
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a dial failed", failure.get());
            }
            List<Long> latencies = new ArrayList<>();
            long warmups = 0;
            double cpuSeconds = 0;
            double otherCpuSeconds = 0;
            double wallSeconds = 0;
            double[] perSecond = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                int kept = keptPhases.get(round);
                List<Long> inRound = new ArrayList<>();
                for (List<long[]> samples : perLane) {
                    for (long[] sample : samples) {
                        if (sample[0] == kept) {
                            inRound.add(sample[1]);
                        }
                    }
                }
                CpuMeter.Reading reading = readings.get(round);
                perSecond[round] = inRound.size() / reading.wallSeconds();
                latencies.addAll(inRound);
                cpuSeconds += reading.processSeconds();
                otherCpuSeconds += reading.otherCores() * reading.wallSeconds();
                wallSeconds += reading.wallSeconds();
                if (verbose) {
                    long[] sorted = inRound.stream().mapToLong(Long::longValue).sorted().toArray();
                    System.out.printf(Locale.ROOT, "%s c=%d round %d: %.1f connections/s, p50 %.3f ms, p99 %.3f ms,"
                                    + " this JVM %.2f cores, other processes %.2f cores%n", mode, concurrency, round + 1,
                            perSecond[round], Stats.percentile(sorted, 50) / 1e6, Stats.percentile(sorted, 99) / 1e6,
                            reading.processCores(), reading.otherCores());
                }
            }
            for (List<long[]> samples : perLane) {
                warmups += samples.stream().filter(sample -> sample[0] == 0).count();
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Result result = new Result(mode, concurrency, Stats.of(perSecond), sorted.length,
                    Stats.percentile(sorted, 50) / 1e6, Stats.percentile(sorted, 90) / 1e6,
                    Stats.percentile(sorted, 99) / 1e6, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                    Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6,
                    sorted.length == 0 ? Double.NaN : cpuSeconds * 1e3 / sorted.length, otherCpuSeconds / wallSeconds,
                    discarded);
            if (verbose) {
                System.out.printf(Locale.ROOT, "%s c=%d: %s connections/s; latency over %d handshakes (after %d warmup):"
                                + " p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %.3f CPU-ms per connection"
                                + " (both ends); other processes %.2f cores; %d disturbed rounds discarded%n", mode,
                        concurrency, result.connectionsPerSecond().format("%.1f"), sorted.length, warmups,
                        result.p50(), result.p90(), result.p99(), result.max(), result.cpuMsPerConnection(),
                        result.otherCores(), discarded);
            }
            return result;
        }
    }

    private static void sleep(double seconds, AtomicReference<Throwable> failure) throws InterruptedException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (failure.get() == null && System.nanoTime() < until) {
            Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private static Dialer hostDialer(KeyType keyType) throws Exception {
        Host listener = LoopbackPair.host(keyType, true);
        Host dialer = LoopbackPair.host(keyType, false);
        Multiaddr address = listener.dialableAddresses().getFirst();
        return new Dialer() {
            @Override
            public CompletableFuture<Runnable> dial() {
                return dialer.dial(address).thenApply(connection -> () -> await(connection.close()));
            }

            @Override
            public void close() throws Exception {
                LoopbackPair.stop(dialer, listener);
            }
        };
    }

    private static Dialer upgradeDialer(KeyType keyType) throws Exception {
        NoiseSecurity listenerNoise = new NoiseSecurity(Keys.generate(keyType));
        NoiseSecurity dialerNoise = new NoiseSecurity(Keys.generate(keyType));
        YamuxMuxer yamux = new YamuxMuxer();
        PeerId listenerPeer = listenerNoise.localPeer();
        LoopbackPair.Raw raw = new LoopbackPair.Raw(channel -> upgrade(channel, false, listenerNoise, null, yamux,
                ignored -> { }, failure -> { }));
        return new Dialer() {
            @Override
            public CompletableFuture<Runnable> dial() {
                CompletableFuture<Runnable> result = new CompletableFuture<>();
                ChannelFuture connected = raw.connect();
                connected.addListener(done -> {
                    if (!done.isSuccess()) {
                        result.completeExceptionally(done.cause());
                        return;
                    }
                    Channel channel = connected.channel();
                    upgrade(channel, true, dialerNoise, listenerPeer, yamux,
                            upgraded -> result.complete(() -> channel.close().syncUninterruptibly()),
                            result::completeExceptionally);
                });
                return result;
            }

            @Override
            public void close() {
                raw.close();
            }
        };
    }

    /** The steps of the host's upgrader: multistream /noise, Noise, multistream /yamux/1.0.0, yamux. On the event loop. */
    private static void upgrade(Channel channel, boolean initiator, NoiseSecurity noise, PeerId expected,
                                YamuxMuxer yamux, Consumer<Channel> onUpgraded, Consumer<Throwable> onFailure) {
        Future<String> security = initiator
                ? MultistreamSelect.initiate(channel, List.of(NoiseSecurity.PROTOCOL_ID))
                : MultistreamSelect.respond(channel, Set.of(NoiseSecurity.PROTOCOL_ID));
        then(security, channel, onFailure, agreed -> then(initiator ? noise.secureOutbound(channel, expected)
                : noise.secureInbound(channel), channel, onFailure, session -> then(initiator
                ? MultistreamSelect.initiate(channel, List.of(YamuxMuxer.PROTOCOL_ID))
                : MultistreamSelect.respond(channel, Set.of(YamuxMuxer.PROTOCOL_ID)), channel, onFailure, muxer -> {
                    yamux.install(channel, initiator, LoopbackPair.NOTHING);
                    onUpgraded.accept(channel);
                })));
    }

    private static <T> void then(Future<T> step, Channel channel, Consumer<Throwable> onFailure, Consumer<T> next) {
        step.addListener(done -> {
            if (done.isSuccess()) {
                next.accept(step.getNow());
            } else {
                channel.close();
                onFailure.accept(done.cause());
            }
        });
    }

    private static void await(CompletableFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing a connection failed", e);
        }
    }
}
