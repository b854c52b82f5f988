package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The latency of {@code ArchiveDriver.find} for one kind of query, one query at a time from one thread: each
 * query is drawn before its clock starts, and the page is read whole.
 *
 * @param p50Millis median
 * @param p99Millis 99th percentile (nearest rank)
 * @param meanRows the mean page length, to show the queries found what they looked for
 */
record QueryLatency(int queries, double p50Millis, double p99Millis, double meanRows) {

    static QueryLatency measure(ArchiveDriver driver, Supplier<ArchiveQuery> queries, int warmup, int count) {
        for (int i = 0; i < warmup; i++) {
            driver.find(queries.get());
        }
        long[] nanos = new long[count];
        long rows = 0;
        for (int i = 0; i < count; i++) {
            ArchiveQuery query = queries.get();
            long start = System.nanoTime();
            rows += driver.find(query).size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new QueryLatency(count, Stats.percentile(nanos, 50) / 1e6, Stats.percentile(nanos, 99) / 1e6,
                (double) rows / count);
    }
}
