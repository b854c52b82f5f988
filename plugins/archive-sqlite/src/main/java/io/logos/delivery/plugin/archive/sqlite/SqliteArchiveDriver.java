package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.plugin.archive.sqlite.CachingConnection.SqlWork;
import io.logos.delivery.plugin.archive.sqlite.PageQuery.Position;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An archive in one SQLite file (ADR 0012). One connection writes, behind a lock; a pool of read-only
 * connections answers queries at the same time. Long deletions and space reclaiming run in short
 * transactions, so puts wait for one chunk at most.
 */
final class SqliteArchiveDriver implements ArchiveDriver {

    /** Rows deleted, or pages released, per write transaction. */
    static final int CHUNK = 5_000;

    private static final String CURSOR_POSITION = "SELECT timestamp FROM Message WHERE messageHash = ?";
    private static final String DELETE_OLDER_THAN = "DELETE FROM Message WHERE rowid IN"
            + " (SELECT rowid FROM Message WHERE timestamp < ? ORDER BY timestamp LIMIT ?)";
    private static final String DELETE_OLDEST = "DELETE FROM Message WHERE rowid IN"
            + " (SELECT rowid FROM Message ORDER BY timestamp, messageHash LIMIT ?)";

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CachingConnection writer;
    private final ReaderPool readers;
    private volatile boolean closed;

    private SqliteArchiveDriver(Path file, CachingConnection writer, int readers) {
        this.file = file;
        this.writer = writer;
        this.readers = new ReaderPool(() -> ArchiveFile.openReader(file), readers);
    }

    /**
     * Opens {@code file}, creating it and its folders when missing, and brings its schema up to date.
     *
     * @param readers how many read connections may be open at once
     */
    static SqliteArchiveDriver open(Path file, int readers) {
        return open(file, readers, ArchiveSchema.CURRENT);
    }

    static SqliteArchiveDriver open(Path file, int readers, ArchiveSchema schema) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new ArchiveException(ArchiveErrors.prefix(file) + "cannot create its folder: " + e, e);
        }
        CachingConnection writer = null;
        boolean opened = false;
        try {
            writer = new CachingConnection(ArchiveFile.openWriter(file));
            schema.migrate(writer, file);
            SqliteArchiveDriver driver = new SqliteArchiveDriver(file, writer, readers);
            opened = true;
            return driver;
        } catch (SQLException e) {
            throw ArchiveErrors.failed(file, "open it", e);
        } finally {
            if (!opened && writer != null) {
                writer.close();
            }
        }
    }

    @Override
    public boolean put(ArchivedMessage message) {
        return writing("store a message", w -> {
            PreparedStatement insert = w.prepare(MessageRows.INSERT);
            MessageRows.bind(insert, message);
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public List<ArchivedMessage> find(ArchiveQuery query) {
        return reading("query", r -> {
            Optional<Position> cursor = query.cursor().isEmpty() ? Optional.empty()
                    : Optional.of(position(r, query.cursor().get()));
            PageQuery page = PageQuery.of(query, cursor);
            PreparedStatement select = r.prepare(page.sql());
            page.bind(select);
            List<ArchivedMessage> found = new ArrayList<>(Math.min(query.limit(), 128));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(MessageRows.read(rows, file));
                }
            }
            return found;
        });
    }

    /** Where the cursor message sits in the archive order; a missing cursor is the client's error. */
    private static Position position(CachingConnection reader, MessageHash cursor) throws SQLException {
        PreparedStatement lookup = reader.prepare(CURSOR_POSITION);
        lookup.setBytes(1, cursor.bytes());
        try (ResultSet row = lookup.executeQuery()) {
            if (!row.next()) {
                // no file path here: the store protocol sends this text to the remote client
                throw new ArchiveException("cursor not found: " + cursor.toHex());
            }
            return new Position(row.getLong(1), cursor);
        }
    }

    @Override
    public long count() {
        return reading("count messages", r -> r.queryLong("SELECT count(*) FROM Message"));
    }

    @Override
    public OptionalLong oldestTimestamp() {
        return timestamp("min");
    }

    @Override
    public OptionalLong newestTimestamp() {
        return timestamp("max");
    }

    private OptionalLong timestamp(String aggregate) {
        return reading("read the " + aggregate + " timestamp", r -> {
            try (ResultSet row = r.prepare("SELECT " + aggregate + "(timestamp) FROM Message").executeQuery()) {
                row.next(); // an aggregate always yields one row: NULL over an empty table
                long value = row.getLong(1);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        });
    }

    @Override
    public long deleteOlderThan(long cutoffNanos) {
        return deleteInChunks("delete messages older than " + cutoffNanos, Long.MAX_VALUE, (w, chunk) -> {
            PreparedStatement delete = w.prepare(DELETE_OLDER_THAN);
            delete.setLong(1, cutoffNanos);
            delete.setInt(2, chunk);
            return delete.executeUpdate();
        });
    }

    @Override
    public long deleteOldest(long count) {
        return deleteInChunks("delete the " + count + " oldest messages", count, (w, chunk) -> {
            PreparedStatement delete = w.prepare(DELETE_OLDEST);
            delete.setInt(1, chunk);
            return delete.executeUpdate();
        });
    }

    /** Deletes up to {@code most} rows, {@link #CHUNK} per transaction, until a chunk comes up short. */
    private long deleteInChunks(String doing, long most, ChunkDelete delete) {
        long deleted = 0;
        while (deleted < most) {
            int chunk = (int) Math.min(CHUNK, most - deleted);
            int removed = writing(doing, w -> delete.apply(w, chunk));
            deleted += removed;
            if (removed < chunk) {
                break;
            }
        }
        return deleted;
    }

    /** The pages that hold messages: freed pages are left out until {@link #reclaimSpace()} returns them. */
    @Override
    public long sizeInBytes() {
        return reading("measure its size", r -> r.queryLong("PRAGMA page_size")
                * (r.queryLong("PRAGMA page_count") - r.queryLong("PRAGMA freelist_count")));
    }

    /**
     * Gives free pages back to the file system, {@link #CHUNK} pages per step, then empties the WAL.
     * Takes the writer for one step at a time: call it from a maintenance thread, not on the hot path.
     */
    @Override
    public void reclaimSpace() {
        while (writing("reclaim free pages", w -> {
            long before = w.queryLong("PRAGMA freelist_count");
            w.executeToEnd("PRAGMA incremental_vacuum(" + CHUNK + ")");
            long after = w.queryLong("PRAGMA freelist_count");
            return after > 0 && after < before;
        })) {
            // next chunk: puts waiting for the writer get their turn in between
        }
        writing("checkpoint the write-ahead log", w -> w.queryText("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    /** Closes every connection; a second call does nothing. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readers.close();
            try {
                // keeps the query planner's statistics current; cheap, and the documented moment to do it
                writer.execute("PRAGMA optimize");
            } catch (SQLException ignored) {
                // statistics are an optimisation: closing must not fail for them
            }
            writer.close();
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T writing(String doing, SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            return work.apply(writer);
        } catch (SQLException e) {
            throw ArchiveErrors.failed(file, doing, e);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T reading(String doing, SqlWork<T> work) {
        checkOpen();
        try {
            return readers.read(work);
        } catch (SQLException e) {
            throw ArchiveErrors.failed(file, doing, e);
        } catch (InterruptedException e) {
            throw ArchiveErrors.interrupted(file, doing);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw ArchiveErrors.closed(file);
        }
    }

    @FunctionalInterface
    private interface ChunkDelete {
        int apply(CachingConnection writer, int chunk) throws SQLException;
    }
}
