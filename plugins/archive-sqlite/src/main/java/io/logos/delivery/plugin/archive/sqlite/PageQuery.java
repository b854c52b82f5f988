package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The SELECT for one page of an {@link ArchiveQuery} and its parameters. The SQL text depends only on
 * which filters are set and how many topics and hashes there are, so cached statements are reused.
 */
final class PageQuery {

    private final String sql;
    private final List<Object> parameters;

    private PageQuery(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /**
     * @param cursor the (timestamp, hash) of the query's cursor, looked up beforehand; the page starts
     *     strictly after it in the query's direction
     */
    static PageQuery of(ArchiveQuery query, Optional<Position> cursor) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        // With hashes, the hash index finds at most a few rows: a unary + keeps the other filters off the
        // indexes, which the planner would otherwise pick for a popular topic when it has no statistics yet.
        String filter = query.hashes().isEmpty() ? "" : "+";
        query.pubsubTopic().ifPresent(topic -> {
            conditions.add(filter + "pubsubTopic = ?");
            parameters.add(MessageRows.utf8(topic.value()));
        });
        if (!query.contentTopics().isEmpty()) {
            conditions.add(filter + "contentTopic IN (" + placeholders(query.contentTopics().size()) + ")");
            query.contentTopics().forEach(topic -> parameters.add(MessageRows.utf8(topic)));
        }
        query.timeStart().ifPresent(start -> {
            conditions.add(filter + "timestamp >= ?");
            parameters.add(start);
        });
        query.timeEnd().ifPresent(end -> {
            conditions.add(filter + "timestamp <= ?");
            parameters.add(end);
        });
        if (!query.hashes().isEmpty()) {
            conditions.add("messageHash IN (" + placeholders(query.hashes().size()) + ")");
            query.hashes().forEach(hash -> parameters.add(hash.bytes()));
        }
        boolean forward = query.direction() == PagingDirection.FORWARD;
        cursor.ifPresent(position -> {
            // a row-value comparison is a range on the (timestamp, messageHash) order that the indexes hold
            conditions.add("(" + filter + "timestamp, " + filter + "messageHash) " + (forward ? ">" : "<") + " (?, ?)");
            parameters.add(position.timestamp());
            parameters.add(position.hash().bytes());
        });
        String order = forward ? "ASC" : "DESC";
        String sql = "SELECT " + MessageRows.COLUMNS + " FROM Message"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY timestamp " + order + ", messageHash " + order + " LIMIT ?";
        parameters.add(query.limit());
        return new PageQuery(sql, List.copyOf(parameters));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    String sql() {
        return sql;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            switch (parameters.get(i)) {
                case byte[] bytes -> statement.setBytes(i + 1, bytes);
                case Long number -> statement.setLong(i + 1, number);
                case Integer number -> statement.setInt(i + 1, number);
                default -> throw new IllegalStateException("unexpected parameter " + parameters.get(i));
            }
        }
    }

    /** A message's place in the archive order. */
    record Position(long timestamp, MessageHash hash) {
    }
}
