package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sqlite driver, one file per archive in a directory, against a batched JDBC insert into a table of the
 * driver's shape (ADR 0012: a rowid table, unique by hash, indexed in archive order alone and per content topic)
 * in WAL mode with {@code synchronous=NORMAL}, as the driver's writer.
 */
final class SqliteBackend implements ArchiveBackend {

    private static final String COLUMNS =
            "messageHash, pubsubTopic, contentTopic, payload, version, timestamp, meta, rateLimitProof";
    private static final List<String> RAW_SCHEMA = List.of(
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = NORMAL",
            """
            CREATE TABLE Message (
              messageHash BLOB NOT NULL, pubsubTopic BLOB NOT NULL, contentTopic BLOB NOT NULL, payload BLOB,
              version INTEGER NOT NULL, timestamp INTEGER NOT NULL, meta BLOB, rateLimitProof BLOB
            )""",
            "CREATE UNIQUE INDEX i_hash ON Message (messageHash)",
            "CREATE INDEX i_ts ON Message (timestamp, messageHash)",
            "CREATE INDEX i_content_ts ON Message (contentTopic, timestamp, messageHash)");
    private static final String INSERT = "INSERT INTO Message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (messageHash) DO NOTHING";

    private final Path directory;

    SqliteBackend(Path directory) throws Exception {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public ArchiveDriver openDriver(String archive) {
        return ArchiveBackend.openUrl("sqlite://" + file(archive));
    }

    @Override
    public RawInsert openRaw(String archive, boolean batched) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(archive));
        try (Statement statement = connection.createStatement()) {
            for (String sql : RAW_SCHEMA) {
                statement.execute(sql);
            }
        }
        return new JdbcInsert(connection, INSERT, SqliteBackend::bind, "JDBC INSERT into SQLite, WAL",
                batched);
    }

    private static void bind(PreparedStatement insert, ArchivedMessage stored) throws SQLException {
        insert.setBytes(1, stored.hash().bytes());
        insert.setBytes(2, utf8(stored.pubsubTopic().value()));
        insert.setBytes(3, utf8(stored.message().contentTopic()));
        insert.setBytes(4, stored.message().payload());
        insert.setLong(5, stored.message().version());
        insert.setLong(6, stored.timestamp());
        insert.setBytes(7, stored.message().meta());
        insert.setBytes(8, stored.message().rateLimitProof());
    }

    /** EXPLAIN QUERY PLAN of the SELECT the driver makes for {@code query} (no cursor; PageQuery's text). */
    @Override
    public List<String> plan(String archive, ArchiveQuery query) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.pubsubTopic().ifPresent(topic -> {
            conditions.add("pubsubTopic = ?");
            parameters.add(utf8(topic.value()));
        });
        if (!query.contentTopics().isEmpty()) {
            conditions.add("contentTopic IN (" + placeholders(query.contentTopics().size()) + ")");
            query.contentTopics().forEach(topic -> parameters.add(utf8(topic)));
        }
        query.timeStart().ifPresent(start -> {
            conditions.add("timestamp >= ?");
            parameters.add(start);
        });
        query.timeEnd().ifPresent(end -> {
            conditions.add("timestamp <= ?");
            parameters.add(end);
        });
        if (!query.hashes().isEmpty()) {
            conditions.add("messageHash IN (" + placeholders(query.hashes().size()) + ")");
            query.hashes().forEach(hash -> parameters.add(hash.bytes()));
        }
        parameters.add(query.limit());
        String order = query.direction() == PagingDirection.FORWARD ? "ASC" : "DESC";
        String select = "SELECT " + COLUMNS + " FROM Message WHERE " + String.join(" AND ", conditions)
                + " ORDER BY timestamp " + order + ", messageHash " + order + " LIMIT ?";
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(archive))) {
            return SqlPlans.explain(connection, "EXPLAIN QUERY PLAN " + select, parameters, "detail");
        }
    }

    @Override
    public void drop(String archive) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file(archive) + suffix));
        }
    }

    @Override
    public void close() {
    }

    private Path file(String archive) {
        return directory.resolve(archive + ".sqlite3").toAbsolutePath();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
