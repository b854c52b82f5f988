package io.logos.delivery.kernel.store;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** An archive whose look-ups wait until the test releases them, as a slow database would. */
final class BlockingArchive implements ArchiveDriver {

    private final ArchiveDriver stored;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Semaphore entered = new Semaphore(0);

    BlockingArchive(ArchiveDriver stored) {
        this.stored = stored;
    }

    /** Waits until {@code count} look-ups are blocked in the archive. */
    void awaitBlocked(int count) throws InterruptedException {
        if (!entered.tryAcquire(count, 20, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " look-ups reached the archive");
        }
    }

    void release() {
        released.countDown();
    }

    @Override
    public List<ArchivedMessage> find(ArchiveQuery query) {
        entered.release();
        try {
            if (!released.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the archive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return stored.find(query);
    }

    @Override
    public boolean put(ArchivedMessage message) {
        return stored.put(message);
    }

    @Override
    public long count() {
        return stored.count();
    }

    @Override
    public OptionalLong oldestTimestamp() {
        return stored.oldestTimestamp();
    }

    @Override
    public OptionalLong newestTimestamp() {
        return stored.newestTimestamp();
    }

    @Override
    public long deleteOlderThan(long cutoffNanos) {
        return stored.deleteOlderThan(cutoffNanos);
    }

    @Override
    public long deleteOldest(long count) {
        return stored.deleteOldest(count);
    }

    @Override
    public long sizeInBytes() {
        return stored.sizeInBytes();
    }

    @Override
    public void close() {
        stored.close();
    }
}
