package io.logos.delivery.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.mux.yamux.YamuxConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every harness end to end with tiny parameters, so that mvn verify proves they work without measuring
 * anything (a few seconds in all). The figures come from {@link Suite}, see BENCHMARKS.md.
 */
class BenchSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"host", "noise-yamux", "yamux", "noise", "tcp"})
    void streamThroughputCarriesEveryByte(String stack) throws Exception {
        StreamThroughput.Result result = StreamThroughput.run(stack, 1 << 20, 64 * 1024, YamuxConfig.DEFAULT,
                KeyType.SECP256K1, 1, 1, Double.POSITIVE_INFINITY, false);
        assertEquals(1, result.mbPerSecond().count());
        assertTrue(result.mbPerSecond().mean() > 0, stack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"upgrade", "host"})
    void handshakeRateDialsAndCloses(String mode) throws Exception {
        HandshakeRate.Result result = HandshakeRate.run(mode, 2, KeyType.SECP256K1, 0.2, 0.3, 1,
                Double.POSITIVE_INFINITY, false);
        assertTrue(result.handshakes() > 0, mode + " completed no handshake");
        assertTrue(result.p50() > 0 && result.p99() >= result.p50());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "js"})
    void lightpushFilterBenchDeliversEveryAcceptedMessage(String driver) throws Exception {
        // the js senders are the interop module's (built before this one in the reactor)
        LightpushFilterBench.Result result = LightpushFilterBench.run(driver, 40, 8, 64, 1, "../interop/js");
        assertEquals(40, result.accepted(), driver);
        assertEquals(0, result.refused(), driver);
        assertTrue(result.perSecond() > 0 && result.p99Millis() >= result.p50Millis(), driver);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void archiveBenchStoresAndFindsWithEveryDriver(String driver, @TempDir Path directory) throws Exception {
        ArchiveBench.Options options = new ArchiveBench.Options(List.of(driver), 300, 50, 1, 500, 20, 300,
                86_400_000L, 3_600_000_000_000L, directory, true, true, 0);
        ArchiveBench.Result result = ArchiveBench.run(options, System.out).getFirst();
        assertEquals(driver, result.driver());
        assertTrue(result.ingest().putPerSecond() > 0 && result.ingest().rawPerSecond() > 0, driver);
        assertEquals(!driver.equals("memory"), result.ingest().unbatchedPerSecond() > 0, driver);
        ArchiveBench.Queries queries = result.queries().orElseThrow();
        // every content topic has far more than a page in the window, and every looked-up hash is stored
        assertEquals(ArchiveQueries.PAGE_SIZE, queries.page().meanRows(), driver);
        assertEquals(ArchiveQueries.PAGE_SIZE, queries.hashes().meanRows(), driver);
        assertTrue(queries.page().p99Millis() >= queries.page().p50Millis(), driver);
    }

    @Test
    void jmhBenchmarksRunInProcess() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ChaChaPolyBenchmark.class.getName() + "\\.")
                .include(NoiseCodecBenchmark.class.getName() + "\\.")
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .output("target/jmh-smoke.txt")
                .build()).run();
        assertEquals(List.of("decrypt", "encrypt", "encryptAllocating", "seal", "sealAndOpen"),
                results.stream().map(r -> r.getParams().getBenchmark())
                        .map(name -> name.substring(name.lastIndexOf('.') + 1)).sorted().toList());
        results.forEach(r -> assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark()));
    }

    @Test
    void statsSummarise() {
        Stats stats = Stats.of(new double[] {3, 1, 2, 4});
        assertEquals(2.5, stats.mean(), 1e-9);
        assertEquals(1, stats.min());
        assertEquals(4, stats.max());
        assertEquals(2, stats.median());
        assertEquals(Math.sqrt(5.0 / 3), stats.stdev(), 1e-9);
        assertEquals(99, Stats.percentile(java.util.stream.LongStream.rangeClosed(1, 100).toArray(), 99));
    }
}
