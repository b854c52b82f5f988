package io.logos.delivery.app;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** An archive that counts the queries a store node answers from it (every store query reads the archive). */
final class CountingArchive implements ArchiveDriver {

    private final ArchiveDriver archive;
    private final AtomicInteger queries = new AtomicInteger();

    CountingArchive(ArchiveDriver archive) {
        this.archive = archive;
    }

    int queries() {
        return queries.get();
    }

    @Override
    public boolean put(ArchivedMessage message) {
        return archive.put(message);
    }

    @Override
    public List<ArchivedMessage> find(ArchiveQuery query) {
        queries.incrementAndGet();
        return archive.find(query);
    }

    @Override
    public long count() {
        return archive.count();
    }

    @Override
    public OptionalLong oldestTimestamp() {
        return archive.oldestTimestamp();
    }

    @Override
    public OptionalLong newestTimestamp() {
        return archive.newestTimestamp();
    }

    @Override
    public long deleteOlderThan(long cutoffNanos) {
        return archive.deleteOlderThan(cutoffNanos);
    }

    @Override
    public long deleteOldest(long count) {
        return archive.deleteOldest(count);
    }

    @Override
    public long sizeInBytes() {
        return archive.sizeInBytes();
    }

    @Override
    public void close() {
        archive.close();
    }
}
