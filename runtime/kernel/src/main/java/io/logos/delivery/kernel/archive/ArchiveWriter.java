package io.logos.delivery.kernel.archive;

import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores relayed messages in arrival order on its own thread, so that a slow database never holds up relay
 * delivery, and applies the retention policies on the same thread, reclaiming the space they free. As nwaku's archive: ephemeral messages
 * are not stored, nor are messages stamped more than 20 s away from our clock (a message without timestamp
 * is stored as it is); a hash already stored is skipped. The driver stays owned by whoever created it.
 */
public final class ArchiveWriter implements MessageListener, AutoCloseable {

    /** nwaku's MaxMessageTimestampVariance. */
    public static final Duration MAX_TIMESTAMP_VARIANCE = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);

    private final ArchiveDriver driver;
    private final Clock clock;
    private final List<RetentionPolicy> retention;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("archive-writer").daemon().factory());
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final KernelMetrics metrics;

    /** @param metrics counts what is stored and skipped, and how long inserts take */
    public ArchiveWriter(ArchiveDriver driver, Clock clock, List<RetentionPolicy> retention, KernelMetrics metrics) {
        this.driver = driver;
        this.clock = clock;
        this.retention = List.copyOf(retention);
        this.metrics = metrics;
        writer.execute(this::countStored);
    }

    @Override
    public void onMessage(ReceivedMessage received) {
        if (received.message().ephemeral()) {
            LOG.trace("Not archiving ephemeral {}", received.hash());
            return;
        }
        Optional<String> timestampError = timestampError(received.message().timestamp());
        if (timestampError.isPresent()) {
            skipped.incrementAndGet();
            metrics.archiveError(timestampError.get());
            LOG.debug("Not archiving {}: timestamp {} is more than {} s from now", received.hash(),
                    received.message().timestamp(), MAX_TIMESTAMP_VARIANCE.toSeconds());
            return;
        }
        ArchivedMessage archived = new ArchivedMessage(received.hash(), received.pubsubTopic(), received.message());
        writer.execute(() -> store(archived));
    }

    /** nwaku's error type for a timestamp too far from our clock; none for one within the variance or absent. */
    private Optional<String> timestampError(long timestamp) {
        if (timestamp == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long offset = timestamp - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
        if (Math.abs(offset) <= MAX_TIMESTAMP_VARIANCE.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(offset < 0 ? KernelMetrics.ARCHIVE_TOO_OLD : KernelMetrics.ARCHIVE_FUTURE_TIMESTAMP);
    }

    private void store(ArchivedMessage message) {
        long started = System.nanoTime();
        try {
            if (driver.put(message)) {
                stored.incrementAndGet();
                metrics.archiveStored(Duration.ofNanos(System.nanoTime() - started));
                LOG.debug("Archived {} on {}", message.hash(), message.pubsubTopic());
            } else {
                LOG.trace("Archive already holds {}", message.hash());
            }
        } catch (RuntimeException e) {
            metrics.archiveError(KernelMetrics.ARCHIVE_INSERT_FAILURE);
            LOG.warn("Could not archive {}: {}", message.hash(), e.getMessage());
        }
    }

    /** Sets the stored-messages gauge from the driver: at start, and after retention deleted some. */
    private void countStored() {
        try {
            metrics.archiveHolds(driver.count());
        } catch (RuntimeException e) {
            LOG.warn("Cannot count the archived messages: {}", e.getMessage());
        }
    }

    /** Applies every retention policy once, after the messages queued so far; completes with the deletions. */
    public CompletableFuture<Long> applyRetention() {
        return CompletableFuture.supplyAsync(() -> {
            long deleted = 0;
            for (RetentionPolicy policy : retention) {
                try {
                    deleted += policy.apply(driver, clock);
                } catch (RuntimeException e) {
                    LOG.warn("Retention policy {} failed: {}", policy, e.getMessage());
                }
            }
            if (deleted > 0) {
                LOG.info("Retention deleted {} archived messages", deleted);
                countStored();
                try {
                    driver.reclaimSpace();
                } catch (RuntimeException e) {
                    LOG.warn("Reclaiming the archive's space failed: {}", e.getMessage());
                }
            }
            return deleted;
        }, writer);
    }

    /** Messages stored since start. */
    public long storedCount() {
        return stored.get();
    }

    /** Messages not stored because of their timestamp. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Archive writer did not finish its queue within 10 s");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
