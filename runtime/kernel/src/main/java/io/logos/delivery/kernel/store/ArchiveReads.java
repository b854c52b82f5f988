package io.logos.delivery.kernel.store;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs archive reads off the network threads (drivers may block on JDBC), at most {@code concurrency} at a
 * time on virtual threads, with at most {@code queued} more waiting; beyond that a read is refused at once, so
 * that a flood of queries cannot pile up work.
 */
final class ArchiveReads implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    ArchiveReads(int concurrency, int queued) {
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued), Thread.ofVirtual().name("store-query-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code read}; the future completes on the reading thread.
     *
     * @throws RejectedExecutionException when {@code concurrency} reads run and {@code queued} more wait, or
     *                                    after {@link #close()}
     */
    <T> CompletableFuture<T> submit(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, executor);
    }

    /** Lets the reads already taken finish; refuses new ones. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
