package io.logos.delivery.plugin.archive.postgres;

import static io.logos.delivery.plugin.archive.postgres.MessageRows.COLUMNS;
import static io.logos.delivery.plugin.archive.postgres.MessageRows.utf8;
import static io.logos.delivery.plugin.archive.postgres.SchemaMigrations.MESSAGES;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SELECT of an {@link ArchiveQuery}: its filters ANDed, a keyset condition on (timestamp, hash) to start after
 * the cursor, the archive order in the query's direction, and its limit. Absent filters leave their condition out,
 * so there are few distinct statements, each prepared once per connection by the JDBC driver. Hashes compare as
 * {@code bytea}, byte by byte unsigned, which is the archive order's tie-break.
 */
final class FindStatement {

    /** Where a page starts: just after the stored message with this timestamp and hash. */
    record Position(long timestamp, MessageHash hash) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private final StringBuilder where = new StringBuilder();
    private final List<Binder> parameters = new ArrayList<>();
    private String sql;

    private FindStatement() {
    }

    /** The page of {@code query} that starts after {@code after}, or at the beginning. */
    static List<ArchivedMessage> find(Connection connection, ArchiveQuery query, Optional<Position> after)
            throws SQLException {
        return of(query, after).run(connection, query.limit());
    }

    /** The statement for the page of {@code query} that starts after {@code after}. */
    static FindStatement of(ArchiveQuery query, Optional<Position> after) {
        FindStatement select = new FindStatement();
        query.pubsubTopic().ifPresent(topic ->
                select.where("pubsub_topic = ?", (statement, i) -> statement.setBytes(i, utf8(topic.value()))));
        if (query.contentTopics().size() == 1) {
            // not "= ANY" of one: only an equality lets the (content_topic, timestamp) index return rows in order,
            // so that a page reads its rows and stops instead of sorting the whole time range
            byte[] topic = utf8(query.contentTopics().iterator().next());
            select.where("content_topic = ?", (statement, i) -> statement.setBytes(i, topic));
        } else if (!query.contentTopics().isEmpty()) {
            List<byte[]> topics = query.contentTopics().stream().map(MessageRows::utf8).toList();
            select.where("content_topic = ANY (?)", (statement, i) -> statement.setArray(i, byteaArray(statement, topics)));
        }
        query.timeStart().ifPresent(start -> select.where("timestamp >= ?", (statement, i) -> statement.setLong(i, start)));
        query.timeEnd().ifPresent(end -> select.where("timestamp <= ?", (statement, i) -> statement.setLong(i, end)));
        if (!query.hashes().isEmpty()) {
            List<byte[]> hashes = query.hashes().stream().map(MessageHash::bytes).toList();
            select.where("message_hash = ANY (?)", (statement, i) -> statement.setArray(i, byteaArray(statement, hashes)));
        }
        boolean forward = query.direction() == PagingDirection.FORWARD;
        after.ifPresent(position -> select.after(position, forward));
        String matching = "SELECT " + COLUMNS + " FROM " + MESSAGES + " WHERE TRUE" + select.where;
        // Hashes name at most a few rows, found through the primary key of each partition. Without the fence the
        // planner may rather walk the time index in order and filter, hoping to meet the hashes early; on
        // partitions without statistics yet it does, and reads them whole.
        String rows = query.hashes().isEmpty() ? matching
                : "WITH found AS MATERIALIZED (" + matching + ") SELECT " + COLUMNS + " FROM found";
        select.sql = rows + (forward ? " ORDER BY timestamp, message_hash"
                : " ORDER BY timestamp DESC, message_hash DESC") + " LIMIT ?";
        select.parameters.add((statement, i) -> statement.setInt(i, query.limit()));
        return select;
    }

    String sql() {
        return sql;
    }

    /** Sets every parameter of {@link #sql()}. */
    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).bind(statement, i + 1);
        }
    }

    private void where(String condition, Binder binder) {
        where.append(" AND ").append(condition);
        parameters.add(binder);
    }

    /** The row comparison is exact; the plain bound on the timestamp lets PostgreSQL skip whole partitions. */
    private void after(Position position, boolean forward) {
        where.append(forward ? " AND timestamp >= ? AND (timestamp, message_hash) > (?, ?)"
                : " AND timestamp <= ? AND (timestamp, message_hash) < (?, ?)");
        parameters.add((statement, i) -> statement.setLong(i, position.timestamp()));
        parameters.add((statement, i) -> statement.setLong(i, position.timestamp()));
        parameters.add((statement, i) -> statement.setBytes(i, position.hash().bytes()));
    }

    private List<ArchivedMessage> run(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement);
            List<ArchivedMessage> page = new ArrayList<>(Math.min(limit, 128));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(MessageRows.read(rows));
                }
            }
            return page;
        }
    }

    private static Array byteaArray(PreparedStatement statement, Collection<byte[]> values)
            throws SQLException {
        return statement.getConnection().createArrayOf("bytea", values.toArray(byte[][]::new));
    }
}
