package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store resume (nwaku's {@code --store-resume}): after downtime, fetches from a store peer what the node's
 * shards carried since the archive's newest message, at most {@link #MAX_RANGE} back, and stores it. Pages
 * forward, 100 at a time, one shard after the other; each shard's first page goes to any store peer (another
 * one when it fails), the following pages to the one that answered. Unlike nwaku, resumed messages skip the
 * relay ingress check on timestamps (which would drop almost all of them, being older than 20 s); ephemeral
 * messages and messages of other shards are not stored.
 */
public final class StoreResume {

    private static final Logger LOG = LoggerFactory.getLogger(StoreResume.class);

    /** How far back a resume reaches at most (nwaku's {@code ResumeRangeLimit}). */
    public static final Duration MAX_RANGE = Duration.ofHours(6);

    /** Pages read per shard at most, so that a peer handing out cursors forever cannot keep us busy. */
    static final int MAX_PAGES_PER_SHARD = 10_000;

    private final StoreClient client;
    private final ArchiveDriver archive;
    private final Supplier<List<PubsubTopic>> shards;
    private final Clock clock;
    private volatile boolean stopped;
    private CompletableFuture<Long> running;

    /**
     * @param client  queries the store peers
     * @param archive where the messages go; the caller keeps ownership
     * @param shards  the shards to resume: the node's
     * @param clock   the end of the range ("now")
     */
    public StoreResume(StoreClient client, ArchiveDriver archive, Supplier<List<PubsubTopic>> shards, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Resumes once, on a virtual thread (the archive may block). Completes with the number of messages added;
     * fails with {@link StoreResumeException} when a query fails. While a resume runs, calling this again
     * returns the running one.
     */
    public synchronized CompletableFuture<Long> run() {
        if (stopped) {
            return CompletableFuture.failedFuture(new StoreResumeException("the node is stopping"));
        }
        if (running == null || running.isDone()) {
            CompletableFuture<Long> result = new CompletableFuture<>();
            Thread.ofVirtual().name("store-resume").start(() -> {
                try {
                    result.complete(resumeAll());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            running = result;
        }
        return running;
    }

    /**
     * Resumes, trying again {@code pause} after a failure, {@code attempts} times in all (nwaku: 3 attempts,
     * 30 s apart); logs the outcome.
     */
    public CompletableFuture<Long> runRetrying(int attempts, Duration pause, ScheduledExecutorService scheduler) {
        CompletableFuture<Long> outcome = new CompletableFuture<>();
        attempt(attempts, pause, scheduler, outcome);
        return outcome.whenComplete((added, failure) -> {
            if (failure == null) {
                LOG.info("Store resume added {} messages", added);
            } else {
                LOG.warn("Store resume failed: {}", failure.getMessage());
            }
        });
    }

    private void attempt(int attemptsLeft, Duration pause, ScheduledExecutorService scheduler,
                         CompletableFuture<Long> outcome) {
        run().whenComplete((added, failure) -> {
            if (failure == null) {
                outcome.complete(added);
            } else if (attemptsLeft <= 1 || stopped) {
                outcome.completeExceptionally(failure);
            } else {
                LOG.debug("Store resume failed, {} attempts left: {}", attemptsLeft - 1, failure.getMessage());
                scheduler.schedule(() -> attempt(attemptsLeft - 1, pause, scheduler, outcome), pause.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Stops after the page being stored; completes when the running resume (if any) has ended. */
    public synchronized CompletableFuture<Void> stop() {
        stopped = true;
        return running == null ? CompletableFuture.completedFuture(null) : running.handle((added, failure) -> null);
    }

    private long resumeAll() {
        long now = nanos(clock.instant());
        long from = Math.max(archive.newestTimestamp().orElse(Long.MIN_VALUE), now - MAX_RANGE.toNanos());
        long added = 0;
        for (PubsubTopic shard : shards.get()) {
            added += resume(shard, from, now);
        }
        return added;
    }

    private long resume(PubsubTopic shard, long from, long to) {
        StoreQuery query = StoreQuery.builder().includeData(true).pubsubTopic(shard).timeStart(from).timeEnd(to)
                .direction(PagingDirection.FORWARD).pageSize(StoreProtocol.MAX_PAGE_SIZE).build();
        StoreResponse page = client.queryToAny(query, StoreClient.DEFAULT_ATTEMPTS).join();
        long added = 0;
        for (int pages = 1; ; pages++) {
            if (!page.succeeded()) {
                throw new StoreResumeException("querying " + page.peer().map(peer -> peer + " ").orElse("")
                        + "for " + shard + " failed with " + page.statusCode() + ": " + page.description());
            }
            added += store(shard, page);
            if (stopped || page.cursor().isEmpty() || page.messages().isEmpty()) {
                return added;
            }
            if (pages == MAX_PAGES_PER_SHARD) {
                LOG.warn("Store resume of {} stops after {} pages", shard, pages);
                return added;
            }
            page = client.query(query.withCursor(page.cursor().get()), page.peer()).join();
        }
    }

    private long store(PubsubTopic shard, StoreResponse page) {
        long added = 0;
        for (StoredMessage stored : page.messages()) {
            if (stored.message().isPresent() && stored.pubsubTopic().equals(Optional.of(shard))
                    && !stored.message().get().ephemeral()
                    && archive.put(new ArchivedMessage(stored.hash(), shard, stored.message().get()))) {
                added++;
            }
        }
        return added;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
