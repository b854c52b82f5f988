package io.logos.delivery.plugin.archive.postgres;

import static io.logos.delivery.plugin.archive.postgres.SchemaMigrations.MESSAGES;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hourly partitions of the messages table. Partition {@code archive_messages_<from>_<to>} holds the messages
 * with {@code from <= timestamp / 10^9 < to}, in Unix seconds, one whole hour as in nwaku.
 *
 * <p>There is no default partition: a message is stored in its hour's partition, which is created when the first
 * message of the hour arrives, together with the next hour's so that the turn of the hour seldom waits for DDL.
 * A partition is created standalone and then attached, which locks the messages table less than creating it as a
 * partition would. Time retention detaches and drops whole partitions. Every change holds the schema change lock.
 */
final class HourlyPartitions {

    static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long FIRST_HOUR = hourOf(Long.MIN_VALUE);
    private static final long LAST_HOUR = hourOf(Long.MAX_VALUE);
    private static final String PREFIX = MESSAGES + "_";
    private static final String PARTITIONS = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = '" + MESSAGES + "'::regclass";

    /** Hours whose partition this driver has seen attached; a cache, the catalog decides. */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    /** The hour holding a timestamp: its index since the Unix epoch, negative before it. */
    static long hourOf(long timestampNanos) {
        return Math.floorDiv(timestampNanos, NANOS_PER_HOUR);
    }

    /** The table name of an hour's partition. */
    static String nameOf(long hour) {
        return PREFIX + hour * SECONDS_PER_HOUR + "_" + (hour + 1) * SECONDS_PER_HOUR;
    }

    /** Learns which partitions exist. */
    void load(Connection connection) throws SQLException {
        known.addAll(attachedHours(connection));
    }

    /** Makes sure the partitions of {@code hour} and of the hour after it exist. */
    void ensure(Connection connection, long hour) throws SQLException {
        if (!known.contains(hour)) {
            create(connection, hour);
        }
        if (hour < LAST_HOUR && !known.contains(hour + 1)) {
            create(connection, hour + 1);
        }
    }

    /** Forgets {@code hour}'s partition, which turned out to be gone (dropped by another node, say). */
    void forget(long hour) {
        known.remove(hour);
    }

    /**
     * Drops every partition whose hour ends at or before {@code cutoffNanos}.
     *
     * @return how many messages they held
     */
    long dropEndingBy(Connection connection, long cutoffNanos) throws SQLException {
        long removed = 0;
        for (long hour : attachedHours(connection)) {
            if (hour < hourOf(cutoffNanos)) {
                removed += drop(connection, hour);
            }
        }
        return removed;
    }

    /** The space every partition takes with its indexes and TOAST data, in bytes. */
    long sizeInBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0)"
                     + " FROM pg_inherits i WHERE i.inhparent = '" + MESSAGES + "'::regclass")) {
            result.next();
            return result.getLong(1);
        }
    }

    private void create(Connection connection, long hour) throws SQLException {
        Transactions.changingSchema(connection, locked -> {
            if (!attachedHours(locked).contains(hour)) { // else another thread or node made it
                String partition = quoted(nameOf(hour));
                try (Statement statement = locked.createStatement()) {
                    statement.execute("CREATE TABLE " + partition + " (LIKE " + MESSAGES + " INCLUDING ALL)");
                    // the new table is empty: attaching it checks its rows against the range at no cost
                    statement.execute("ALTER TABLE " + MESSAGES + " ATTACH PARTITION " + partition
                            + " FOR VALUES FROM (" + lowerBound(hour) + ") TO (" + upperBound(hour) + ")");
                }
            }
            return null;
        });
        known.add(hour);
    }

    private long drop(Connection connection, long hour) throws SQLException {
        long removed = Transactions.changingSchema(connection, locked -> {
            if (!attachedHours(locked).contains(hour)) {
                return 0L; // another thread or node dropped it
            }
            String partition = quoted(nameOf(hour));
            try (Statement statement = locked.createStatement()) {
                // detached first, so that no message can arrive in it between counting and dropping
                statement.execute("ALTER TABLE " + MESSAGES + " DETACH PARTITION " + partition);
                long count;
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + partition)) {
                    result.next();
                    count = result.getLong(1);
                }
                statement.execute("DROP TABLE " + partition);
                return count;
            }
        });
        known.remove(hour);
        return removed;
    }

    private static List<Long> attachedHours(Connection connection) throws SQLException {
        List<Long> hours = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(PARTITIONS)) {
            while (result.next()) {
                parseHour(result.getString(1)).ifPresent(hours::add);
            }
        }
        return hours;
    }

    /** The hour of a partition this driver named; empty for a table someone else attached. */
    private static OptionalLong parseHour(String name) {
        if (!name.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String[] bounds = name.substring(PREFIX.length()).split("_");
        try {
            long from = Long.parseLong(bounds[0]);
            return bounds.length == 2 && nameOf(from / SECONDS_PER_HOUR).equals(name)
                    ? OptionalLong.of(from / SECONDS_PER_HOUR) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String lowerBound(long hour) {
        return hour == FIRST_HOUR ? "MINVALUE" : String.valueOf(hour * NANOS_PER_HOUR);
    }

    private static String upperBound(long hour) {
        return hour == LAST_HOUR ? "MAXVALUE" : String.valueOf((hour + 1) * NANOS_PER_HOUR);
    }

    /** Names hold a '-' before the epoch, so they are always quoted. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }
}
