package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code maxSize} connections, opened when first needed and kept for reuse. A caller waits for a free
 * connection up to {@link #WAIT_FOR_CONNECTION}. A connection idle for longer than {@link #CHECK_AFTER_IDLE} is
 * checked before it is handed out again, so that one closed by the server meanwhile is replaced.
 */
final class ConnectionPool implements AutoCloseable {

    static final Duration WAIT_FOR_CONNECTION = Duration.ofSeconds(30);
    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(30);
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private final Supplier<Connection> opener;
    private final int maxSize;
    private final Semaphore free;
    /** Most recently used first, so that rarely needed connections age and get checked. Guarded by this. */
    private final Deque<Idle> idle = new ArrayDeque<>();
    /** Guarded by this. */
    private boolean closed;

    /**
     * @param opener opens a new connection, throwing {@link ArchiveException} when it cannot
     */
    ConnectionPool(Supplier<Connection> opener, int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("a pool holds at least one connection, got " + maxSize);
        }
        this.opener = opener;
        this.maxSize = maxSize;
        this.free = new Semaphore(maxSize, true);
    }

    /**
     * A connection for the caller alone; give it back with {@link #release}.
     *
     * @throws ArchiveException when every connection stays busy, when a new one cannot be opened, or when closed
     */
    Connection acquire() {
        try {
            if (!free.tryAcquire(WAIT_FOR_CONNECTION.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ArchiveException("all " + maxSize + " PostgreSQL archive connections stayed busy for "
                        + WAIT_FOR_CONNECTION.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException("interrupted while waiting for a PostgreSQL archive connection", e);
        }
        try {
            Connection connection = reusable();
            return connection != null ? connection : opener.get();
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /**
     * Takes back a connection from {@link #acquire}.
     *
     * @param broken whether it failed in a way that makes it unusable: it is closed instead of kept
     */
    void release(Connection connection, boolean broken) {
        try {
            synchronized (this) {
                if (!broken && !closed) {
                    idle.push(new Idle(connection, System.nanoTime()));
                    return;
                }
            }
            closeQuietly(connection);
        } finally {
            free.release();
        }
    }

    /** Closes the idle connections now and every busy one when it comes back. */
    @Override
    public void close() {
        List<Idle> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(entry -> closeQuietly(entry.connection()));
    }

    /** An idle connection that still works, or null when a new one must be opened. */
    private Connection reusable() {
        while (true) {
            Idle candidate;
            synchronized (this) {
                if (closed) {
                    throw new ArchiveException("the PostgreSQL archive is closed");
                }
                candidate = idle.poll();
            }
            if (candidate == null) {
                return null;
            }
            if (candidate.idleFor() < CHECK_AFTER_IDLE.toNanos() || isValid(candidate.connection())) {
                return candidate.connection();
            }
            closeQuietly(candidate.connection());
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(CHECK_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is being discarded; a failure to close it changes nothing for the caller
        }
    }

    private record Idle(Connection connection, long idleSinceNanos) {
        long idleFor() {
            return System.nanoTime() - idleSinceNanos;
        }
    }
}
