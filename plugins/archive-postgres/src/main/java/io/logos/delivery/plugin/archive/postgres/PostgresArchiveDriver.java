package io.logos.delivery.plugin.archive.postgres;

import static io.logos.delivery.plugin.archive.postgres.SchemaMigrations.MESSAGES;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.plugin.archive.postgres.FindStatement.Position;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An archive in a PostgreSQL database: messages in a table partitioned by the hour of their timestamp (see
 * {@link HourlyPartitions}), keyed by (hash, timestamp), read in (timestamp, hash) order with keyset paging. Every
 * call borrows one connection from a bounded {@link ConnectionPool}, so that calls run in parallel up to its size.
 */
final class PostgresArchiveDriver implements ArchiveDriver {

    private final String archive;
    private final ConnectionPool pool;
    private final HourlyPartitions partitions = new HourlyPartitions();
    private volatile boolean closed;

    private PostgresArchiveDriver(String archive, ConnectionPool pool) {
        this.archive = archive;
        this.pool = pool;
    }

    /**
     * Connects, and brings the schema up to date.
     *
     * @throws ArchiveException when the server cannot be reached, refuses the credentials, or holds a newer schema
     */
    static PostgresArchiveDriver open(PostgresUrl url, int maxConnections) {
        ConnectionPool pool = new ConnectionPool(new PostgresConnector(url), maxConnections);
        PostgresArchiveDriver driver = new PostgresArchiveDriver(url.describe(), pool);
        try {
            driver.run("prepare its schema", connection -> {
                SchemaMigrations.migrate(connection, driver.archive);
                driver.partitions.load(connection);
                return null;
            });
            return driver;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public boolean put(ArchivedMessage message) {
        long hour = HourlyPartitions.hourOf(message.timestamp());
        return run("store a message", connection -> {
            partitions.ensure(connection, hour);
            try {
                return insert(connection, message);
            } catch (SQLException e) {
                if (!SqlFailures.isMissingPartition(e)) {
                    throw e;
                }
                // the partition was dropped since this driver saw it: make it again
                partitions.forget(hour);
                partitions.ensure(connection, hour);
                return insert(connection, message);
            }
        });
    }

    private static boolean insert(Connection connection, ArchivedMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(MessageRows.INSERT)) {
            MessageRows.bindInsert(insert, message);
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public List<ArchivedMessage> find(ArchiveQuery query) {
        return run("find messages", connection -> {
            Optional<Position> after = query.cursor().isPresent()
                    ? Optional.of(position(connection, query.cursor().get())) : Optional.empty();
            return FindStatement.find(connection, query, after);
        });
    }

    private static Position position(Connection connection, MessageHash cursor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT timestamp FROM " + MESSAGES + " WHERE message_hash = ?")) {
            select.setBytes(1, cursor.bytes());
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new ArchiveException("cursor not found: " + cursor.toHex());
                }
                return new Position(result.getLong(1), cursor);
            }
        }
    }

    @Override
    public long count() {
        return run("count messages", connection -> queryLong(connection, "SELECT count(*) FROM " + MESSAGES)
                .orElseThrow());
    }

    @Override
    public OptionalLong oldestTimestamp() {
        return run("read the oldest timestamp",
                connection -> queryLong(connection, "SELECT min(timestamp) FROM " + MESSAGES));
    }

    @Override
    public OptionalLong newestTimestamp() {
        return run("read the newest timestamp",
                connection -> queryLong(connection, "SELECT max(timestamp) FROM " + MESSAGES));
    }

    /** Drops the partitions that end by the cutoff, then deletes the older rows of the one holding it. */
    @Override
    public long deleteOlderThan(long cutoffNanos) {
        return run("delete old messages", connection -> {
            long removed = partitions.dropEndingBy(connection, cutoffNanos);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + MESSAGES + " WHERE timestamp < ?")) {
                delete.setLong(1, cutoffNanos);
                return removed + delete.executeUpdate();
            }
        });
    }

    /** Deletes the oldest rows, then drops the partitions this emptied. */
    @Override
    public long deleteOldest(long count) {
        if (count <= 0) {
            return 0;
        }
        return run("delete the oldest messages", connection -> {
            long removed;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + MESSAGES + " m USING ("
                    + "SELECT message_hash, timestamp FROM " + MESSAGES + " ORDER BY timestamp, message_hash LIMIT ?"
                    + ") oldest WHERE m.message_hash = oldest.message_hash AND m.timestamp = oldest.timestamp")) {
                delete.setLong(1, count);
                removed = delete.executeUpdate();
            }
            OptionalLong oldest = queryLong(connection, "SELECT min(timestamp) FROM " + MESSAGES);
            if (oldest.isPresent()) {
                partitions.dropEndingBy(connection, oldest.getAsLong());
            }
            return removed;
        });
    }

    @Override
    public long sizeInBytes() {
        return run("measure its size", partitions::sizeInBytes);
    }

    /**
     * Runs a plain VACUUM over every partition: the space of deleted rows becomes reusable, and empty pages at
     * the end of a table go back to the system. Dropped partitions gave their space back already.
     */
    @Override
    public void reclaimSpace() {
        run("reclaim space", connection -> {
            try (Statement vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM " + MESSAGES);
            }
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    /**
     * Runs {@code work} on a pooled connection.
     *
     * @throws ArchiveException for every failure, naming {@code action}; a connection that failed is not reused
     */
    private <T> T run(String action, SqlWork<T> work) {
        if (closed) {
            throw new ArchiveException("the PostgreSQL archive is closed");
        }
        Connection connection = pool.acquire();
        boolean broken = false;
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            broken = SqlFailures.isConnectionLost(e) || isClosed(connection);
            throw new ArchiveException("the PostgreSQL archive at " + archive + " could not " + action + ": "
                    + SqlFailures.firstLine(e), e);
        } finally {
            pool.release(connection, broken);
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static OptionalLong queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long value = result.getLong(1);
            return result.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }
}
