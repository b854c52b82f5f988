package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.plugin.archive.sqlite.CachingConnection.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * At most {@code size} read-only connections, opened when first needed and reused. In WAL mode a
 * reader sees the last committed state and never waits for the writer, so queries run beside puts.
 */
final class ReaderPool implements AutoCloseable {

    private final ConnectionOpener opener;
    private final Semaphore permits;
    private final Deque<CachingConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ReaderPool(ConnectionOpener opener, int size) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
    }

    /** Runs {@code work} on a free reader, waiting for one when all are busy. */
    <T> T read(SqlWork<T> work) throws SQLException, InterruptedException {
        permits.acquire();
        try {
            CachingConnection connection = idle.pollFirst();
            if (connection == null) {
                connection = new CachingConnection(opener.open());
            }
            try {
                return work.apply(connection);
            } finally {
                idle.addFirst(connection);
                if (closed) {
                    closeIdle();
                }
            }
        } finally {
            permits.release();
        }
    }

    /** Closes the idle readers now and each busy one when its work ends. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        CachingConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    /** Opens one more connection to the archive file. */
    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }
}
