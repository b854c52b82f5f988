package io.logos.delivery.plugin.archive.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.plugin.archive.postgres.testing.PostgresServerExtension;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the conformance suite cannot see: partitions, migrations, reopening, the pool. */
class PostgresArchiveDriverTest {

    @RegisterExtension
    static final PostgresServerExtension POSTGRES = new PostgresServerExtension();

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    /** 2026-01-01T00:00:00Z, the start of an hour, in seconds. */
    private static final long HOUR_0_SECONDS = 1_767_225_600L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long T0 = HOUR_0_SECONDS * SECOND;

    private static ArchiveDriver open(String url, int maxConnections) {
        return new PostgresArchiveDriverFactory().create(new ArchiveDriverConfig(url, maxConnections));
    }

    private static ArchivedMessage message(long timestamp, String text) {
        return ArchivedMessage.of(SHARD, WakuMessage.builder().contentTopic("/app/1/chat/proto").timestamp(timestamp)
                .payload(text.getBytes(StandardCharsets.UTF_8)).build());
    }

    /** The partition named for the hour {@code offset} hours after hour 0. */
    private static String partition(int offset) {
        long from = HOUR_0_SECONDS + offset * 3600L;
        return "archive_messages_" + from + "_" + (from + 3600);
    }

    /** Each partition of the schema's messages table with the number of rows it holds, as the catalog says. */
    private static Map<String, Long> partitionRows(String schema) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = POSTGRES.connect();
             PreparedStatement partitions = connection.prepareStatement("SELECT c.relname FROM pg_inherits i"
                     + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ?::regclass")) {
            partitions.setString(1, schema + ".archive_messages");
            try (ResultSet names = partitions.executeQuery(); Statement count = connection.createStatement()) {
                while (names.next()) {
                    String name = names.getString(1);
                    try (ResultSet result = count.executeQuery("SELECT count(*) FROM " + schema + ".\"" + name + "\"")) {
                        result.next();
                        rows.put(name, result.getLong(1));
                    }
                }
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = POSTGRES.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void messagesLandInThePartitionOfTheirHourAndTheNextHourIsMadeAhead() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        try (ArchiveDriver driver = open(url, 2)) {
            driver.put(message(T0 + 10 * MINUTE, "a"));
            driver.put(message(T0 + 20 * MINUTE, "b"));
            driver.put(message(T0 + HOUR + 5 * MINUTE, "c"));
            driver.put(message(T0 + 4 * HOUR - 1, "d"));

            assertEquals(Map.of(partition(0), 2L, partition(1), 1L, partition(2), 0L, partition(3), 1L,
                    partition(4), 0L), partitionRows(PostgresServerExtension.schemaOf(url)));
            assertEquals(4, driver.find(ArchiveQuery.builder().build()).size());
        }
    }

    @Test
    void timeRetentionDropsWholePartitionsAndTrimsTheBoundaryOne() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        try (ArchiveDriver driver = open(url, 2)) {
            List.of(message(T0 + 10 * MINUTE, "a"), message(T0 + HOUR + 10 * MINUTE, "b"),
                    message(T0 + 2 * HOUR + 10 * MINUTE, "c"), message(T0 + 2 * HOUR + 40 * MINUTE, "d"))
                    .forEach(driver::put);
            long sizeBefore = driver.sizeInBytes();

            assertEquals(3, driver.deleteOlderThan(T0 + 2 * HOUR + 30 * MINUTE));

            assertEquals(Map.of(partition(2), 1L, partition(3), 0L),
                    partitionRows(PostgresServerExtension.schemaOf(url)));
            assertEquals(1, driver.count());
            assertTrue(driver.sizeInBytes() < sizeBefore, "dropped partitions give their space back");
            driver.reclaimSpace();
        }
    }

    @Test
    void deletingTheOldestDropsThePartitionsItEmptied() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        try (ArchiveDriver driver = open(url, 2)) {
            List.of(message(T0, "a"), message(T0 + HOUR, "b"), message(T0 + 2 * HOUR, "c")).forEach(driver::put);

            assertEquals(2, driver.deleteOldest(2));

            assertEquals(Map.of(partition(2), 1L, partition(3), 0L),
                    partitionRows(PostgresServerExtension.schemaOf(url)));
        }
    }

    @Test
    void aPartitionDroppedBehindTheDriversBackIsMadeAgain() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        try (ArchiveDriver driver = open(url, 1)) {
            driver.put(message(T0, "a"));
            execute("DROP TABLE " + PostgresServerExtension.schemaOf(url) + ".\"" + partition(0) + "\"");

            assertTrue(driver.put(message(T0 + MINUTE, "b")));

            assertEquals(1, driver.count());
            assertEquals(1L, partitionRows(PostgresServerExtension.schemaOf(url)).get(partition(0)));
        }
    }

    @Test
    void storesTimestampsFromTheFirstToTheLastHourOfTime() throws SQLException {
        try (ArchiveDriver driver = open(POSTGRES.freshSchemaUrl(), 1)) {
            List<Long> timestamps = List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
            timestamps.forEach(timestamp -> assertTrue(driver.put(message(timestamp, "at " + timestamp))));

            assertEquals(timestamps, driver.find(ArchiveQuery.builder().build()).stream()
                    .map(ArchivedMessage::timestamp).toList());
            assertEquals(2, driver.deleteOlderThan(0));
            assertEquals(timestamps.reversed().subList(0, 3), driver.find(ArchiveQuery.builder()
                    .direction(PagingDirection.BACKWARD).build()).stream().map(ArchivedMessage::timestamp).toList());
        }
    }

    @Test
    void keepsItsMessagesAcrossAReopen() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        List<ArchivedMessage> stored = List.of(message(T0, "a"), message(T0 + MINUTE, "b"), message(T0 + HOUR, "c"));
        try (ArchiveDriver driver = open(url, 2)) {
            stored.forEach(driver::put);
        }
        try (ArchiveDriver reopened = open(url, 2)) {
            assertEquals(stored, reopened.find(ArchiveQuery.builder().build()));
            assertFalse(reopened.put(stored.getFirst()), "still known after the reopen");
            assertTrue(reopened.put(message(T0 + 2 * HOUR, "d")));
        }
        try (Connection connection = POSTGRES.connect(); Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT version FROM "
                     + PostgresServerExtension.schemaOf(url) + ".archive_schema_version")) {
            assertTrue(version.next());
            assertEquals(SchemaMigrations.LATEST, version.getInt(1));
            assertFalse(version.next(), "one row");
        }
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        open(url, 1).close();
        execute("UPDATE " + PostgresServerExtension.schemaOf(url) + ".archive_schema_version SET version = 99");

        ArchiveException refused = assertThrows(ArchiveException.class, () -> open(url, 1));

        assertEquals("the PostgreSQL archive at 127.0.0.1:" + POSTGRES.port() + "/postgres has schema version 99,"
                + " newer than version " + SchemaMigrations.LATEST + " that this driver knows: run a newer"
                + " logos-delivery, or point --store-message-db-url at another database", refused.getMessage());
    }

    @Test
    void sharesAtMostMaxConnectionsBetweenManyThreadsAndClosesThemOnClose() throws Exception {
        String schema = PostgresServerExtension.schemaOf(POSTGRES.freshSchemaUrl());
        // the application name tells this driver's connections apart on the server
        int threads = 8;
        int perThread = 25;
        ArchiveDriver driver = open(POSTGRES.url(schema) + "&ApplicationName=" + schema, 2);
        try (driver; ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        assertTrue(driver.put(message(T0 + (thread * perThread + i) * MINUTE, "m")));
                        driver.find(ArchiveQuery.builder().limit(5).build());
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            assertEquals(threads * perThread, driver.count());
            long open = serverConnectionsOf(schema);
            assertTrue(open >= 1 && open <= 2, open + " connections");
        }

        awaitNoServerConnections(schema);
        assertEquals("the PostgreSQL archive is closed", assertThrows(ArchiveException.class, driver::count)
                .getMessage());
    }

    private static long serverConnectionsOf(String applicationName) throws SQLException {
        try (Connection connection = POSTGRES.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            select.setString(1, applicationName);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** A closed client connection leaves the server's activity view as soon as its backend process exits. */
    private static void awaitNoServerConnections(String applicationName) throws Exception {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (serverConnectionsOf(applicationName) > 0) {
            assertTrue(System.nanoTime() < deadline, "the connections are still open");
            Thread.sleep(20);
        }
    }

    @Test
    void thePostgresqlSchemeOpensTheSameArchive() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        try (ArchiveDriver driver = open(url, 1)) {
            driver.put(message(T0, "a"));
        }
        String postgresql = "postgresql" + url.substring("postgres".length());
        try (ArchiveDriver driver = new PostgresqlArchiveDriverFactory().create(new ArchiveDriverConfig(postgresql, 1))) {
            assertEquals(1, driver.count());
        }
    }
}
