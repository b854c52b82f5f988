package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The archive's tables, versioned. The version table holds the version the schema is at; each migration in
 * {@link #MIGRATIONS} moves it one up. All pending migrations run in one transaction under the schema change lock,
 * so that nodes starting together against one database migrate it once. A database whose schema is newer than
 * {@link #LATEST} was migrated by a newer release: this driver refuses it rather than guess.
 */
final class SchemaMigrations {

    /** The partitioned table of messages. */
    static final String MESSAGES = "archive_messages";
    static final String VERSION_TABLE = "archive_schema_version";

    /** Migration {@code n} (1-based) moves the schema from version {@code n - 1} to {@code n}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE archive_messages (
                        message_hash     BYTEA  NOT NULL,
                        timestamp        BIGINT NOT NULL,
                        pubsub_topic     BYTEA  NOT NULL,
                        content_topic    BYTEA  NOT NULL,
                        payload          BYTEA  NOT NULL,
                        version          BIGINT NOT NULL,
                        meta             BYTEA  NOT NULL,
                        rate_limit_proof BYTEA  NOT NULL,
                        PRIMARY KEY (message_hash, timestamp)
                    ) PARTITION BY RANGE (timestamp)""",
                    "CREATE INDEX archive_messages_by_time ON archive_messages (timestamp, message_hash)",
                    "CREATE INDEX archive_messages_by_content_topic ON archive_messages (content_topic, timestamp)"));

    static final int LATEST = MIGRATIONS.size();

    private SchemaMigrations() {
    }

    /**
     * Brings the schema to {@link #LATEST}, creating it in an empty database.
     *
     * @param archive names the database in the error raised for a newer schema
     * @throws ArchiveException when the schema is newer than this driver knows
     */
    static void migrate(Connection connection, String archive) throws SQLException {
        Transactions.changingSchema(connection, locked -> {
            try (Statement statement = locked.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER NOT NULL)");
            }
            int current = currentVersion(locked);
            if (current > LATEST) {
                throw new ArchiveException("the PostgreSQL archive at " + archive + " has schema version " + current
                        + ", newer than version " + LATEST + " that this driver knows: run a newer logos-delivery,"
                        + " or point --store-message-db-url at another database");
            }
            if (current < LATEST) {
                try (Statement statement = locked.createStatement()) {
                    for (List<String> migration : MIGRATIONS.subList(current, LATEST)) {
                        for (String sql : migration) {
                            statement.execute(sql);
                        }
                    }
                }
                setVersion(locked, LATEST);
            }
            return null;
        });
    }

    /** The schema's version; 0 for an empty database. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT max(version) FROM " + VERSION_TABLE)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void setVersion(Connection connection, int version) throws SQLException {
        try (Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + VERSION_TABLE + " (version) VALUES (?)")) {
            clear.execute("DELETE FROM " + VERSION_TABLE);
            insert.setInt(1, version);
            insert.executeUpdate();
        }
    }
}
