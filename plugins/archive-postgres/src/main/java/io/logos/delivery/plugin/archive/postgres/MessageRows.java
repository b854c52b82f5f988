package io.logos.delivery.plugin.archive.postgres;

import static io.logos.delivery.plugin.archive.postgres.SchemaMigrations.MESSAGES;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A stored message as a row of the messages table. Topics are kept as their UTF-8 bytes, so that any topic a peer
 * sends can be stored (PostgreSQL text cannot hold a NUL). The ephemeral flag is not kept: ephemeral messages are
 * never archived.
 */
final class MessageRows {

    /** The columns of a row, in the order {@link #read} expects. */
    static final String COLUMNS = "message_hash, timestamp, pubsub_topic, content_topic, payload, version, meta,"
            + " rate_limit_proof";
    /** Stores a row unless its hash is already stored. */
    static final String INSERT = "INSERT INTO " + MESSAGES + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private MessageRows() {
    }

    /** Sets the parameters of {@link #INSERT}. */
    static void bindInsert(PreparedStatement insert, ArchivedMessage stored) throws SQLException {
        WakuMessage message = stored.message();
        insert.setBytes(1, stored.hash().bytes());
        insert.setLong(2, message.timestamp());
        insert.setBytes(3, utf8(stored.pubsubTopic().value()));
        insert.setBytes(4, utf8(message.contentTopic()));
        insert.setBytes(5, message.payload());
        insert.setLong(6, message.version());
        insert.setBytes(7, message.meta());
        insert.setBytes(8, message.rateLimitProof());
    }

    /** The message in the current row of a query that selected {@link #COLUMNS}. */
    static ArchivedMessage read(ResultSet row) throws SQLException {
        WakuMessage message = WakuMessage.builder()
                .timestamp(row.getLong(2))
                .contentTopic(new String(row.getBytes(4), StandardCharsets.UTF_8))
                .payload(row.getBytes(5))
                .version(row.getLong(6))
                .meta(row.getBytes(7))
                .rateLimitProof(row.getBytes(8))
                .build();
        return new ArchivedMessage(MessageHash.of(row.getBytes(1)),
                PubsubTopic.of(new String(row.getBytes(3), StandardCharsets.UTF_8)), message);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
