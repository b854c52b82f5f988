package io.logos.delivery.plugin.archive.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite connection that keeps its most recently used prepared statements, so the same query shape
 * is compiled once. Used by one thread at a time (the writer lock or the reader pool sees to it).
 */
final class CachingConnection implements AutoCloseable {

    /** Query shapes differ by their filters and IN-list lengths; the common ones fit easily. */
    private static final int CACHED_STATEMENTS = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CACHED_STATEMENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    CachingConnection(Connection connection) {
        this.connection = connection;
    }

    /** The prepared statement for {@code sql}, compiled on first use, with no parameters bound. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Runs a statement that returns no rows worth reading, such as DDL or a setting. */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs a statement to its end with {@code sqlite3_exec}. JDBC steps a statement once when it has no
     * result columns, which for {@code PRAGMA incremental_vacuum(N)} frees one page instead of N.
     */
    void executeToEnd(String sql) throws SQLException {
        connection.unwrap(SQLiteConnection.class).getDatabase().exec(sql, connection.getAutoCommit());
    }

    /** The first column of the first row of {@code sql}, e.g. a pragma's value; 0 for no row or NULL. */
    long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    /** The first column of the first row of {@code sql} as text, or empty text for no row. */
    String queryText(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            String value = result.next() ? result.getString(1) : null;
            return value == null ? "" : value;
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.apply(this);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackAfter(e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void rollbackAfter(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        statements.values().forEach(CachingConnection::closeQuietly);
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // every write has committed or rolled back by now: nothing is lost by a failing close
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement that cannot be finalised is released with its connection
        }
    }

    /** Work done with a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(CachingConnection connection) throws SQLException;
    }
}
