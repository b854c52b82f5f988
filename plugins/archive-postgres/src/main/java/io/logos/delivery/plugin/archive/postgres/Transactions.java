package io.logos.delivery.plugin.archive.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Runs work in one transaction, and serialises schema changes between every node sharing the database. */
final class Transactions {

    /** The advisory lock key held while the schema or its partitions change (ASCII "logosarc"). */
    private static final long SCHEMA_CHANGE_LOCK = 0x6C6F676F73617263L;

    private Transactions() {
    }

    /** Runs {@code work} in a transaction, committed when it returns and rolled back when it throws. */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.apply(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            undo(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /** Runs {@code work} in a transaction that first waits for, then holds, the schema change lock. */
    static <T> T changingSchema(Connection connection, SqlWork<T> work) throws SQLException {
        return inTransaction(connection, locked -> {
            try (PreparedStatement lock = locked.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, SCHEMA_CHANGE_LOCK);
                lock.execute();
            }
            return work.apply(locked);
        });
    }

    /** Rolls back and leaves the connection in auto-commit; what fails here is attached to {@code failure}. */
    private static void undo(Connection connection, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }
}
