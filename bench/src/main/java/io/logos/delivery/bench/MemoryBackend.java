package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.util.List;

/** The memory driver, unbounded, against the maps it keeps ({@link SortedMapInsert}). */
final class MemoryBackend implements ArchiveBackend {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ArchiveDriver openDriver(String archive) {
        return ArchiveBackend.openUrl("memory://?capacity=" + Integer.MAX_VALUE);
    }

    @Override
    public RawInsert openRaw(String archive, boolean batched) {
        return new SortedMapInsert();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public List<String> plan(String archive, ArchiveQuery query) {
        return List.of();
    }

    @Override
    public void drop(String archive) {
        // closing the driver or the maps freed everything
    }

    @Override
    public void close() {
    }
}
