package io.logos.delivery.bench;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.mux.MuxedConnection;
import io.logos.delivery.libp2p.mux.yamux.YamuxConfig;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (a): bulk throughput of one stream over loopback. The sending side writes {@code --mib} MiB in
 * {@code --chunk}-byte buffers, respecting writability; the receiving side discards. One transfer is one
 * round; the figure is MB/s (10^6 bytes per second) from the first write to the last byte read.
 *
 * <p>{@code --stack} chooses what carries the bytes, so the layers' costs can be told apart:
 * <ul>
 *   <li>{@code host}: two {@link Host}s, a stream of a dialed connection (multistream-select, Noise,
 *       yamux with its default 256 KiB window): what the issue asks for;</li>
 *   <li>{@code noise-yamux}: the same layers on bare Netty channels, without multistream-select and the
 *       host; {@code --window} sets yamux's receive window and {@code --max-frame} its largest data frame
 *       (the host always uses the defaults, 256 KiB and 64 KiB);</li>
 *   <li>{@code yamux}: a yamux stream on plain TCP, no Noise ({@code --window}, {@code --max-frame} as above);</li>
 *   <li>{@code noise}: the Noise channel on TCP, no muxer;</li>
 *   <li>{@code tcp}: the Netty socket itself.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks.jar io.logos.delivery.bench.StreamThroughput --stack host --mib 256 --warmup 3 --rounds 10</pre>
 * Prints one line per round and a final {@code RESULT} line for {@link Suite}. With {@code --max-other-cores},
 * a measured round during which other processes kept more cores than that busy is discarded and run again
 * (at most twice the rounds), for shared machines.
 */
public final class StreamThroughput {

    private static final String PROTOCOL = "/logos-bench/discard/1.0.0";

    /** The two ends of one transfer: where to start writing, and what counts the arrivals. */
    record Rig(Pump pump, Sink sink, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /**
     * The measured rounds, in MB/s; the share of their time spent in GC pauses; the cores this JVM (both ends)
     * kept busy, the MB carried per CPU-second it used, and the cores other processes on the machine used.
     */
    public record Result(String stack, long bytesPerRound, Stats mbPerSecond, double gcPercent, double cores,
                         double mbPerCpuSecond, double otherCores, int discardedRounds) {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        Result result = run(args.string("stack", "host"), args.integer("mib", 256) * 1024L * 1024,
                args.integer("chunk", 64 * 1024), new YamuxConfig(args.integer("window", YamuxConfig.INITIAL_WINDOW),
                        args.integer("max-frame", YamuxConfig.DEFAULT.maxMessageSize()), 1000),
                LoopbackPair.keyType(args.string("key", "secp256k1")),
                args.integer("warmup", 3), args.integer("rounds", 10),
                args.decimal("max-other-cores", Double.POSITIVE_INFINITY), true);
        System.out.printf(Locale.ROOT, "RESULT bench=stream stack=%s bytes=%d mean=%.1f stdev=%.1f min=%.1f median=%.1f"
                        + " max=%.1f n=%d gc=%.1f cores=%.2f mbPerCpuSecond=%.1f otherCores=%.2f discarded=%d%n", result.stack(),
                result.bytesPerRound(), result.mbPerSecond().mean(), result.mbPerSecond().stdev(),
                result.mbPerSecond().min(), result.mbPerSecond().median(), result.mbPerSecond().max(),
                result.mbPerSecond().count(), result.gcPercent(), result.cores(), result.mbPerCpuSecond(),
                result.otherCores(), result.discardedRounds());
        System.exit(0);
    }

    /** Sets the stack up, runs {@code warmup} unmeasured and {@code rounds} measured transfers, tears it down. */
    public static Result run(String stack, long bytesPerRound, int chunk, YamuxConfig yamuxConfig, KeyType keyType,
                             int warmup, int rounds, double maxOtherCores, boolean verbose) throws Exception {
        try (Rig rig = switch (stack) {
            case "host" -> hostRig(keyType, chunk);
            case "yamux" -> rawRig(Layer.YAMUX, keyType, chunk, yamuxConfig);
            case "noise-yamux" -> rawRig(Layer.NOISE_YAMUX, keyType, chunk, yamuxConfig);
            case "noise" -> rawRig(Layer.NOISE, keyType, chunk, yamuxConfig);
            case "tcp" -> rawRig(Layer.TCP, keyType, chunk, yamuxConfig);
            default -> throw new IllegalArgumentException("unknown --stack " + stack
                    + ": host, noise-yamux, yamux, noise or tcp");
        }) {
            double[] measured = new double[rounds];
            long gcMillis = 0;
            long measuredNanos = 0;
            double cpuSeconds = 0;
            double otherCpuSeconds = 0;
            int discarded = 0;
            for (int round = -warmup; round < rounds; round++) {
                long gcBefore = gcMillis();
                CompletableFuture<Long> done = rig.sink().expect(bytesPerRound);
                CpuMeter meter = new CpuMeter();
                long start = System.nanoTime();
                rig.pump().start(bytesPerRound);
                long end = done.get(10, TimeUnit.MINUTES);
                CpuMeter.Reading cpu = meter.read();
                double seconds = (end - start) / 1e9;
                double mbPerSecond = bytesPerRound / seconds / 1e6;
                boolean disturbed = round >= 0 && cpu.otherCores() > maxOtherCores && discarded < 2 * rounds;
                if (verbose) {
                    System.out.printf(Locale.ROOT, "%s %s round %d: %d MiB in %.3f s = %.1f MB/s, this JVM %.2f cores,"
                                    + " other processes %.2f cores%s%n", stack, round < 0 ? "warmup" : "measured",
                            round < 0 ? round + warmup + 1 : round + 1, bytesPerRound >> 20, seconds, mbPerSecond,
                            cpu.processCores(), cpu.otherCores(), disturbed ? " (disturbed: discarded, run again)" : "");
                }
                if (disturbed) {
                    discarded++;
                    CpuMeter.waitForQuiet(maxOtherCores, 60);
                    round--;
                } else if (round >= 0) {
                    measured[round] = mbPerSecond;
                    measuredNanos += end - start;
                    cpuSeconds += cpu.processSeconds();
                    otherCpuSeconds += cpu.otherCores() * cpu.wallSeconds();
                    gcMillis += gcMillis() - gcBefore;
                }
            }
            double measuredSeconds = measuredNanos / 1e9;
            double gcPercent = measuredNanos == 0 ? 0 : 100.0 * gcMillis / 1e3 / measuredSeconds;
            Stats stats = Stats.of(measured);
            Result result = new Result(stack, bytesPerRound, stats, gcPercent, cpuSeconds / measuredSeconds,
                    bytesPerRound * (double) rounds / 1e6 / cpuSeconds, otherCpuSeconds / measuredSeconds, discarded);
            if (verbose) {
                System.out.printf(Locale.ROOT, "%s: %s MB/s; GC %.1f %% of the time; this JVM %.2f cores, %.1f MB per"
                                + " CPU-second; other processes %.2f cores; %d disturbed rounds discarded%n", stack,
                        stats.format("%.1f"), gcPercent, result.cores(), result.mbPerCpuSecond(), result.otherCores(),
                        discarded);
            }
            return result;
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static Rig hostRig(KeyType keyType, int chunk) throws Exception {
        Host listener = LoopbackPair.host(keyType, true);
        Host dialer = LoopbackPair.host(keyType, false);
        Sink sink = new Sink();
        listener.setStreamHandler(PROTOCOL, (connection, stream) -> stream.pipeline().addLast(sink));
        dialer.dial(listener.dialableAddresses().getFirst()).get(30, TimeUnit.SECONDS);
        MuxedStreamChannel stream = dialer.newStream(listener.peerId(), List.of(PROTOCOL)).get(30, TimeUnit.SECONDS);
        Pump pump = new Pump(stream, chunk);
        stream.pipeline().addLast(pump);
        return new Rig(pump, sink, () -> LoopbackPair.stop(dialer, listener));
    }

    private enum Layer { TCP, NOISE, YAMUX, NOISE_YAMUX }

    private static Rig rawRig(Layer layer, KeyType keyType, int chunk, YamuxConfig yamuxConfig) throws Exception {
        Sink sink = new Sink();
        NoiseSecurity listenerNoise = new NoiseSecurity(Keys.generate(keyType));
        NoiseSecurity dialerNoise = new NoiseSecurity(Keys.generate(keyType));
        YamuxMuxer yamux = new YamuxMuxer(yamuxConfig);
        ChannelInitializer<Channel> sinkOnStreams = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(sink);
            }

            @Override
            public boolean isSharable() {
                return true;
            }
        };
        LoopbackPair.Raw raw = new LoopbackPair.Raw(channel -> {
            switch (layer) {
                case TCP -> channel.pipeline().addLast(sink);
                case NOISE -> listenerNoise.secureInbound(channel).addListener(secured -> {
                    if (secured.isSuccess()) {
                        channel.pipeline().addLast(sink);
                    }
                });
                case YAMUX -> yamux.install(channel, false, sinkOnStreams);
                case NOISE_YAMUX -> listenerNoise.secureInbound(channel).addListener(secured -> {
                    if (secured.isSuccess()) {
                        yamux.install(channel, false, sinkOnStreams);
                    }
                });
            }
        });
        try {
            Channel connection = raw.connect().sync().channel();
            Channel sender = switch (layer) {
                case TCP -> connection;
                case NOISE -> {
                    secure(connection, dialerNoise, listenerNoise);
                    yield connection;
                }
                case NOISE_YAMUX -> {
                    secure(connection, dialerNoise, listenerNoise);
                    MuxedConnection muxed = connection.eventLoop()
                            .submit(() -> yamux.install(connection, true, LoopbackPair.NOTHING))
                            .get(30, TimeUnit.SECONDS);
                    yield muxed.openStream().get(30, TimeUnit.SECONDS);
                }
                case YAMUX -> {
                    MuxedConnection muxed = connection.eventLoop()
                            .submit(() -> yamux.install(connection, true, LoopbackPair.NOTHING))
                            .get(30, TimeUnit.SECONDS);
                    yield muxed.openStream().get(30, TimeUnit.SECONDS);
                }
            };
            Pump pump = new Pump(sender, chunk);
            sender.pipeline().addLast(pump);
            return new Rig(pump, sink, raw);
        } catch (Exception e) {
            raw.close();
            throw e;
        }
    }

    private static void secure(Channel connection, NoiseSecurity dialer, NoiseSecurity listener) throws Exception {
        io.netty.util.concurrent.Future<SecureSession> secured = connection.eventLoop()
                .submit(() -> dialer.secureOutbound(connection, listener.localPeer()))
                .get(30, TimeUnit.SECONDS);
        secured.get(30, TimeUnit.SECONDS);
    }
}
