package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import io.logos.delivery.testkit.postgres.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The postgres driver against a batched JDBC insert into a plain (not partitioned) table with the driver's
 * columns, primary key and indexes, both on a throw-away local server ({@link EmbeddedPostgresServer}: PostgreSQL
 * from Maven Central, default settings but no fsync). Every archive is a schema of its own.
 */
final class PostgresBackend implements ArchiveBackend {

    private static final String DATABASE = "postgres";
    private static final String COLUMNS = "message_hash, timestamp, pubsub_topic, content_topic, payload, version,"
            + " meta, rate_limit_proof";
    private static final List<String> RAW_SCHEMA = List.of("""
            CREATE TABLE archive_messages (
                message_hash BYTEA NOT NULL, timestamp BIGINT NOT NULL, pubsub_topic BYTEA NOT NULL,
                content_topic BYTEA NOT NULL, payload BYTEA NOT NULL, version BIGINT NOT NULL, meta BYTEA NOT NULL,
                rate_limit_proof BYTEA NOT NULL, PRIMARY KEY (message_hash, timestamp))""",
            "CREATE INDEX archive_messages_by_time ON archive_messages (timestamp, message_hash)",
            "CREATE INDEX archive_messages_by_content_topic ON archive_messages (content_topic, timestamp)");
    private static final String INSERT = "INSERT INTO archive_messages (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final EmbeddedPostgresServer server;

    private PostgresBackend(EmbeddedPostgresServer server) {
        this.server = server;
    }

    static PostgresBackend start() throws Exception {
        return new PostgresBackend(EmbeddedPostgresServer.start());
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public ArchiveDriver openDriver(String archive) throws SQLException {
        execute("CREATE SCHEMA " + archive);
        return ArchiveBackend.openUrl(server.archiveUrl(DATABASE) + "?currentSchema=" + archive);
    }

    @Override
    public RawInsert openRaw(String archive, boolean batched) throws SQLException {
        execute("CREATE SCHEMA " + archive);
        Connection connection = connect(archive);
        try (Statement statement = connection.createStatement()) {
            for (String sql : RAW_SCHEMA) {
                statement.execute(sql);
            }
        }
        return new JdbcInsert(connection, INSERT, PostgresBackend::bind, "JDBC INSERT into PostgreSQL", batched);
    }

    private static void bind(PreparedStatement insert, ArchivedMessage stored) throws SQLException {
        insert.setBytes(1, stored.hash().bytes());
        insert.setLong(2, stored.timestamp());
        insert.setBytes(3, utf8(stored.pubsubTopic().value()));
        insert.setBytes(4, utf8(stored.message().contentTopic()));
        insert.setBytes(5, stored.message().payload());
        insert.setLong(6, stored.message().version());
        insert.setBytes(7, stored.message().meta());
        insert.setBytes(8, stored.message().rateLimitProof());
    }

    /**
     * EXPLAIN ANALYZE of the SELECT the driver makes for {@code query} (no cursor; the text of the plugin's
     * FindStatement, kept in step by hand), planned for these parameter values and as the generic plan that a
     * prepared statement may switch to.
     */
    @Override
    public List<String> plan(String archive, ArchiveQuery query) throws SQLException {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        query.pubsubTopic().ifPresent(topic -> {
            where.append(" AND pubsub_topic = ?");
            parameters.add(utf8(topic.value()));
        });
        if (query.contentTopics().size() == 1) {
            where.append(" AND content_topic = ?");
            parameters.add(utf8(query.contentTopics().iterator().next()));
        } else if (!query.contentTopics().isEmpty()) {
            where.append(" AND content_topic = ANY (?)");
            parameters.add(query.contentTopics().stream().map(PostgresBackend::utf8).toArray(byte[][]::new));
        }
        query.timeStart().ifPresent(start -> {
            where.append(" AND timestamp >= ?");
            parameters.add(start);
        });
        query.timeEnd().ifPresent(end -> {
            where.append(" AND timestamp <= ?");
            parameters.add(end);
        });
        if (!query.hashes().isEmpty()) {
            where.append(" AND message_hash = ANY (?)");
            parameters.add(query.hashes().stream().map(MessageHash::bytes).toArray(byte[][]::new));
        }
        String matching = "SELECT " + COLUMNS + " FROM archive_messages WHERE TRUE" + where;
        String rows = query.hashes().isEmpty() ? matching
                : "WITH found AS MATERIALIZED (" + matching + ") SELECT " + COLUMNS + " FROM found";
        String select = rows + (query.direction() == PagingDirection.FORWARD ? " ORDER BY timestamp, message_hash"
                : " ORDER BY timestamp DESC, message_hash DESC") + " LIMIT ?";
        parameters.add(query.limit());
        String explain = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + select;
        try (Connection connection = connect(archive); Statement statement = connection.createStatement()) {
            List<String> lines = new ArrayList<>(List.of("-- custom plan:"));
            lines.addAll(SqlPlans.explain(connection, explain, parameters, "QUERY PLAN"));
            statement.execute("SET plan_cache_mode = force_generic_plan");
            lines.add("-- generic plan:");
            lines.addAll(SqlPlans.explain(connection, explain, parameters, "QUERY PLAN"));
            return lines;
        }
    }

    /** What autovacuum does to every partition a while after it filled: VACUUM and gather statistics. */
    @Override
    public void settle(String archive) throws SQLException {
        try (Connection connection = connect(archive); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE archive_messages");
        }
    }

    @Override
    public void drop(String archive) throws SQLException {
        execute("DROP SCHEMA " + archive + " CASCADE");
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }

    private Connection connect(String schema) throws SQLException {
        Connection connection = server.connect(DATABASE);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = server.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
