package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark of issue 5: the archive driver plugins, each found by its URL scheme as the node finds it.
 *
 * <ul>
 *   <li><b>Ingest</b>: messages/s of {@code ArchiveDriver.put} from one thread (the node's archive writer is one
 *       thread), against the same rows written the plain way into the same kind of store in the same run
 *       ({@link RawInsert}); median of {@code --rounds}, each on a fresh archive, after a warm-up round.</li>
 *   <li><b>Query latency</b> over {@code --stored} messages loaded with {@code put} (load time reported): p50/p99
 *       of a content topic + time window page of 20 and of a 20-hash look-up ({@link ArchiveQueries}), with the
 *       store's query plan of each.</li>
 * </ul>
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar io.logos.delivery.bench.ArchiveBench \
 *     --drivers memory,sqlite,postgres --messages 200000 --stored 1000000</pre>
 */
public final class ArchiveBench {

    /** How many messages are generated and put at a time while loading. */
    private static final int LOAD_CHUNK = 10_000;
    private static final int PLAN_WIDTH = 200;
    private static final int PLAN_LINES = 30;

    /**
     * @param messages      messages per ingest round
     * @param warmup        messages of the discarded warm-up round (0: none)
     * @param stored        messages stored for the query part (0: no query part)
     * @param queries       timed queries of each kind
     * @param intervalNanos mean time between two message timestamps
     * @param windowNanos   width of the content topic query's time window
     * @param directory     where SQLite files go
     * @param settle        whether to bring the loaded archive to a long-running node's state before the queries
     *                      ({@link ArchiveBackend#settle})
     * @param quietWait     at most this many seconds to wait, before each timed part, for other processes to
     *                      leave the machine nearly idle (0: do not wait)
     */
    record Options(List<String> drivers, int messages, int warmup, int rounds, int stored, int queries,
                   int payloadSize, long intervalNanos, long windowNanos, Path directory, boolean settle,
                   boolean explain, double quietWait) {

        static Options parse(Args args) throws Exception {
            return new Options(args.strings("drivers", "memory,sqlite,postgres"), args.integer("messages", 200_000),
                    args.integer("warmup", 20_000), args.integer("rounds", 3), args.integer("stored", 1_000_000),
                    args.integer("queries", 2_000), args.integer("payload", 300),
                    (long) (args.decimal("interval-ms", 86.4) * 1e6),
                    (long) (args.decimal("window-minutes", 60) * 60e9),
                    Path.of(args.string("dir", Files.createTempDirectory("archive-bench-").toString())),
                    Boolean.parseBoolean(args.string("settle", "true")),
                    Boolean.parseBoolean(args.string("explain", "true")), args.decimal("quiet-wait", 0));
        }
    }

    /**
     * Ingest rates, medians over the rounds.
     *
     * @param unbatchedPerSecond the baseline with one row per transaction; NaN for a store without transactions
     */
    record Ingest(double putPerSecond, double rawPerSecond, double unbatchedPerSecond, String baseline) {
        double ratio() {
            return putPerSecond / rawPerSecond;
        }
    }

    /** The query part: how long loading took, and the two latencies. */
    record Queries(int stored, double loadSeconds, QueryLatency page, QueryLatency hashes) {
        double loadPerSecond() {
            return stored / loadSeconds;
        }
    }

    /** Everything measured for one driver. */
    record Result(String driver, Ingest ingest, Optional<Queries> queries) {
    }

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(new Args(arguments));
        System.out.printf(Locale.ROOT, "archive bench: %s, load average %.2f, %d cores%n", options,
                loadAverage(), Runtime.getRuntime().availableProcessors());
        run(options, System.out);
    }

    static List<Result> run(Options options, PrintStream out) throws Exception {
        SyntheticMessages corpus = new SyntheticMessages(options.intervalNanos(), options.payloadSize());
        List<Result> results = new ArrayList<>();
        for (String driver : options.drivers()) {
            try (ArchiveBackend backend = ArchiveBackend.open(driver, options.directory())) {
                Ingest ingest = ingest(backend, corpus, options, out);
                print(out, driver, options, ingest);
                Optional<Queries> queries = Optional.empty();
                if (options.stored() > 0) {
                    queries = Optional.of(queries(backend, corpus, options, out));
                    print(out, driver, queries.get());
                }
                results.add(new Result(driver, ingest, queries));
            }
        }
        return results;
    }

    private static void print(PrintStream out, String driver, Options options, Ingest ingest) {
        out.printf(Locale.ROOT, "RESULT bench=archive-ingest driver=%s messages=%d rounds=%d put=%.0f msgs/s"
                        + " raw=%.0f msgs/s ratio=%.0f%% raw-unbatched=%.0f msgs/s baseline=\"%s\"%n", driver,
                options.messages(), options.rounds(), ingest.putPerSecond(), ingest.rawPerSecond(),
                100 * ingest.ratio(), ingest.unbatchedPerSecond(), ingest.baseline());
    }

    private static void print(PrintStream out, String driver, Queries queries) {
        out.printf(Locale.ROOT, "RESULT bench=archive-query driver=%s stored=%d load=%.1f s (%.0f msgs/s)"
                        + " page p50=%.3f ms p99=%.3f ms rows=%.1f; hashes p50=%.3f ms p99=%.3f ms rows=%.1f%n",
                driver, queries.stored(), queries.loadSeconds(), queries.loadPerSecond(), queries.page().p50Millis(),
                queries.page().p99Millis(), queries.page().meanRows(), queries.hashes().p50Millis(),
                queries.hashes().p99Millis(), queries.hashes().meanRows());
    }

    /** What one ingest turn writes with. */
    private enum Writer {
        PUT("put"), RAW_BATCHED("raw"), RAW_UNBATCHED("raw-unbatched");

        private final String label;

        Writer(String label) {
            this.label = label;
        }
    }

    /**
     * A warm-up round, then {@code rounds} rounds of the driver and the baselines, each on a fresh archive,
     * starting with another writer in each round.
     */
    private static Ingest ingest(ArchiveBackend backend, SyntheticMessages corpus, Options options, PrintStream out)
            throws Exception {
        List<Writer> writers = backend.transactional() ? List.of(Writer.values())
                : List.of(Writer.PUT, Writer.RAW_BATCHED);
        ArchivedMessage[] messages = corpus.messages(0, options.messages());
        double[][] rates = new double[Writer.values().length][options.rounds()];
        String[] baselines = new String[Writer.values().length];
        for (int round = options.warmup() > 0 ? -1 : 0; round < options.rounds(); round++) {
            ArchivedMessage[] batch = round < 0 ? corpus.messages(0, options.warmup()) : messages;
            String suffix = round < 0 ? "warmup" : String.valueOf(round + 1);
            for (int turn = 0; turn < writers.size(); turn++) {
                Writer writer = writers.get(Math.floorMod(turn + round, writers.size()));
                String archive = "ingest_" + writer.name().toLowerCase(Locale.ROOT) + "_" + suffix;
                quiet(options);
                CpuMeter meter = new CpuMeter();
                double rate;
                if (writer == Writer.PUT) {
                    rate = putAll(backend, archive, batch);
                } else {
                    try (RawInsert insert = backend.openRaw(archive, writer == Writer.RAW_BATCHED)) {
                        baselines[writer.ordinal()] = insert.description();
                        rate = rate(batch.length, () -> insert.insertAll(batch));
                    }
                    backend.drop(archive);
                }
                CpuMeter.Reading cpu = meter.read();
                out.printf(Locale.ROOT, "  %s %s %s: %d msgs, %.0f msgs/s (this JVM %.2f cores, others %.2f cores)%n",
                        backend.name(), round < 0 ? "warm-up" : "round " + suffix, writer.label, batch.length, rate,
                        cpu.processCores(), cpu.otherCores());
                if (round >= 0) {
                    rates[writer.ordinal()][round] = rate;
                }
            }
        }
        double unbatched = backend.transactional() ? Stats.of(rates[Writer.RAW_UNBATCHED.ordinal()]).median()
                : Double.NaN;
        return new Ingest(Stats.of(rates[Writer.PUT.ordinal()]).median(),
                Stats.of(rates[Writer.RAW_BATCHED.ordinal()]).median(), unbatched,
                baselines[Writer.RAW_BATCHED.ordinal()]);
    }

    private static double putAll(ArchiveBackend backend, String archive, ArchivedMessage[] batch) throws Exception {
        double perSecond;
        try (ArchiveDriver driver = backend.openDriver(archive)) {
            perSecond = rate(batch.length, () -> {
                for (ArchivedMessage message : batch) {
                    driver.put(message);
                }
            });
            if (driver.count() != batch.length) {
                throw new IllegalStateException(backend.name() + " stored " + driver.count() + " of "
                        + batch.length + " messages");
            }
        }
        backend.drop(archive);
        return perSecond;
    }

    /** Loads the archive with {@code put}, then times both queries and prints their plans. */
    private static Queries queries(ArchiveBackend backend, SyntheticMessages corpus, Options options, PrintStream out)
            throws Exception {
        String archive = "stored";
        try (ArchiveDriver driver = backend.openDriver(archive)) {
            long loadNanos = 0;
            for (int from = 0; from < options.stored(); from += LOAD_CHUNK) {
                ArchivedMessage[] chunk = corpus.messages(from, Math.min(LOAD_CHUNK, options.stored() - from));
                long start = System.nanoTime();
                for (ArchivedMessage message : chunk) {
                    driver.put(message);
                }
                loadNanos += System.nanoTime() - start;
            }
            out.printf(Locale.ROOT, "  %s loaded %d msgs in %.1f s%n", backend.name(), driver.count(), loadNanos / 1e9);
            if (options.settle()) {
                backend.settle(archive);
            }
            ArchiveQueries random = new ArchiveQueries(corpus, options.stored(), options.windowNanos(), 42);
            int warmup = Math.max(1, options.queries() / 10);
            quiet(options);
            QueryLatency page = QueryLatency.measure(driver, random::contentTopicPage, warmup, options.queries());
            quiet(options);
            QueryLatency hashes = QueryLatency.measure(driver, random::hashLookup, warmup, options.queries());
            if (options.explain()) {
                printPlan(out, backend, "content topic page", backend.plan(archive, random.contentTopicPage()));
                printPlan(out, backend, "hash look-up", backend.plan(archive, random.hashLookup()));
            }
            return new Queries(options.stored(), loadNanos / 1e9, page, hashes);
        } finally {
            backend.drop(archive);
        }
    }

    /**
     * Prints a plan, each section (a line starting with {@code --}) cut after {@value #PLAN_LINES} lines and each
     * line after {@value #PLAN_WIDTH} characters: PostgreSQL repeats a step for every partition and spells out
     * the 20 hashes.
     */
    private static void printPlan(PrintStream out, ArchiveBackend backend, String query, List<String> plan) {
        if (plan.isEmpty()) {
            return;
        }
        out.printf("  %s plan of the %s:%n", backend.name(), query);
        int inSection = 0;
        int cut = 0;
        for (String line : plan) {
            boolean header = line.startsWith("-- ");
            if (header || ++inSection <= PLAN_LINES) {
                if (header) {
                    printCut(out, cut);
                    inSection = 0;
                    cut = 0;
                }
                out.println("    " + (line.length() > PLAN_WIDTH ? line.substring(0, PLAN_WIDTH) + "…" : line));
            } else {
                cut++;
            }
        }
        printCut(out, cut);
    }

    private static void printCut(PrintStream out, int lines) {
        if (lines > 0) {
            out.printf("    … %d more lines%n", lines);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static double rate(int messages, Work work) throws Exception {
        System.gc(); // garbage of the previous part is not this part's cost
        long start = System.nanoTime();
        work.run();
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static void quiet(Options options) throws InterruptedException {
        if (options.quietWait() > 0) {
            CpuMeter.waitForQuiet(0.25, options.quietWait());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private ArchiveBench() {
    }
}
