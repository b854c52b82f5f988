package io.logos.delivery.kernel.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.metrics.MetricSource;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MemoryArchives;
import io.logos.delivery.kernel.testing.MetricValues;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArchiveWriterTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private final MutableClock clock = new MutableClock();
    private final ArchiveDriver driver = MemoryArchives.open();

    @AfterEach
    void close() {
        driver.close();
    }

    private long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private ReceivedMessage received(String text, long timestamp, boolean ephemeral) {
        return ReceivedMessage.of(SHARD, WakuMessage.builder().contentTopic("/app/1/a/proto").payload(text.getBytes())
                .timestamp(timestamp).ephemeral(ephemeral).build());
    }

    @Test
    void storesInOrderSkippingEphemeralDuplicateAndOutOfWindowMessages() throws Exception {
        long now = nanos(clock.instant());
        KernelMetrics metrics = new KernelMetrics();
        try (ArchiveWriter writer = new ArchiveWriter(driver, clock, List.of(), metrics)) {
            writer.onMessage(received("a", now - 1, false));
            writer.onMessage(received("a", now - 1, false));
            writer.onMessage(received("ephemeral", now, true));
            writer.onMessage(received("from the future", now + Duration.ofSeconds(21).toNanos(), false));
            writer.onMessage(received("too old", now - Duration.ofSeconds(21).toNanos(), false));
            writer.onMessage(received("at the edge", now + Duration.ofSeconds(20).toNanos(), false));
            writer.onMessage(received("no timestamp", 0, false));
            Await.await(writer.applyRetention());

            assertEquals(3, driver.count());
            assertEquals(3, writer.storedCount());
            assertEquals(2, writer.skippedCount());
            MetricSource source = metrics.source();
            assertEquals(3, MetricValues.value(source, "waku_archive_messages", "stored"));
            assertEquals(1, MetricValues.value(source, "waku_archive_errors", KernelMetrics.ARCHIVE_TOO_OLD));
            assertEquals(1, MetricValues.value(source, "waku_archive_errors", KernelMetrics.ARCHIVE_FUTURE_TIMESTAMP));
            assertEquals(3, MetricValues.observations(source, "waku_archive_insert_duration_seconds"));
        }
        assertEquals(List.of("no timestamp", "a", "at the edge"), driver.find(ArchiveQuery.builder().build()).stream()
                .map(m -> new String(m.message().payload())).toList());
    }

    @Test
    void retentionPoliciesDeleteByAgeCapacityAndSize() throws Exception {
        long start = nanos(clock.instant());
        try (ArchiveWriter writer = new ArchiveWriter(driver, clock,
                RetentionPolicy.parse("time:60;capacity:10"), new KernelMetrics())) {
            for (int i = 0; i < 20; i++) {
                writer.onMessage(received("m" + i, nanos(clock.instant()), false));
                clock.advance(Duration.ofSeconds(5));
            }
            // now = start + 100 s: messages stamped before start + 40 s are older than 60 s
            assertEquals(8L, Await.await(writer.applyRetention()), "8 older than a minute; 12 left, under 13");
            assertEquals(12, driver.count());
            assertEquals(start + Duration.ofSeconds(40).toNanos(), driver.oldestTimestamp().getAsLong());
        }
    }

    @Test
    void spaceIsReclaimedAfterRetentionDeletedSomething() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reclaimed = new java.util.concurrent.atomic.AtomicInteger();
        ArchiveDriver counting = (ArchiveDriver) java.lang.reflect.Proxy.newProxyInstance(
                ArchiveDriver.class.getClassLoader(), new Class<?>[] {ArchiveDriver.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reclaimSpace")) {
                        reclaimed.incrementAndGet();
                        return null;
                    }
                    return method.invoke(driver, args);
                });
        try (ArchiveWriter writer = new ArchiveWriter(counting, clock, RetentionPolicy.parse("time:60"), new KernelMetrics())) {
            writer.onMessage(received("old", nanos(clock.instant()), false));
            assertEquals(0L, Await.await(writer.applyRetention()));
            assertEquals(0, reclaimed.get(), "nothing deleted, nothing to reclaim");
            clock.advance(Duration.ofMinutes(2));
            assertEquals(1L, Await.await(writer.applyRetention()));
            assertEquals(1, reclaimed.get());
        }
    }

    @Test
    void capacityWaitsForThirtyPercentMoreThenKeepsFifteenPercentAboveIt() {
        for (int i = 0; i < 12; i++) {
            driver.put(io.logos.delivery.spi.kernel.archive.ArchivedMessage.of(SHARD,
                    received("m" + i, 1_000 + i, false).message()));
        }
        assertEquals(0, new RetentionPolicy.Capacity(10).apply(driver, clock), "12 < 13");
        for (int i = 12; i < 20; i++) {
            driver.put(io.logos.delivery.spi.kernel.archive.ArchivedMessage.of(SHARD,
                    received("m" + i, 1_000 + i, false).message()));
        }
        assertEquals(9, new RetentionPolicy.Capacity(10).apply(driver, clock), "20 → 11");
        assertEquals(1_009, driver.oldestTimestamp().getAsLong());
        long size = driver.sizeInBytes();
        assertTrue(new RetentionPolicy.Size(size / 2).apply(driver, clock) > 0);
        assertTrue(driver.sizeInBytes() <= size / 2, "under the size limit");
        assertTrue(driver.count() > 0, "the newest are kept");
    }

    @Test
    void parsesNwakuPolicies() {
        assertEquals(List.of(new RetentionPolicy.Time(Duration.ofDays(2))), RetentionPolicy.parse(RetentionPolicy.DEFAULT));
        assertEquals(List.of(new RetentionPolicy.Capacity(25_000), new RetentionPolicy.Size(30L << 30),
                new RetentionPolicy.Size(500L << 20)), RetentionPolicy.parse("capacity:25000; size:30GB;size:500mb"));
        for (String bad : List.of("time:", "size:10", "capacity:10GB", "days:2", "time:-5", "time:0")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(bad));
            assertTrue(error.getMessage().startsWith("invalid retention policy"), error.getMessage());
        }
    }
}
