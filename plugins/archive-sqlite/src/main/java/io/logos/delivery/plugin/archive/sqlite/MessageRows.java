package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** How an {@link ArchivedMessage} is written to and read from a row of the {@code Message} table. */
final class MessageRows {

    /** Every column, in the order {@link #bind} and {@link #read} use. */
    static final String COLUMNS =
            "messageHash, pubsubTopic, contentTopic, payload, version, timestamp, meta, rateLimitProof";
    static final String INSERT = "INSERT INTO Message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (messageHash) DO NOTHING";

    private static final byte[] EMPTY = new byte[0];

    private MessageRows() {
    }

    static void bind(PreparedStatement insert, ArchivedMessage stored) throws SQLException {
        WakuMessage message = stored.message();
        insert.setBytes(1, stored.hash().bytes());
        insert.setBytes(2, utf8(stored.pubsubTopic().value()));
        insert.setBytes(3, utf8(message.contentTopic()));
        insert.setBytes(4, message.payload());
        insert.setLong(5, message.version());
        insert.setLong(6, message.timestamp());
        insert.setBytes(7, message.meta());
        insert.setBytes(8, message.rateLimitProof());
    }

    /**
     * The message in the current row of {@code rows}, selected with {@link #COLUMNS}.
     *
     * @throws ArchiveException when the row does not hold a valid message (the file was altered)
     */
    static ArchivedMessage read(ResultSet rows, Path file) throws SQLException {
        byte[] hash = bytes(rows, 1);
        try {
            WakuMessage message = WakuMessage.builder()
                    .contentTopic(text(rows, 3))
                    .payload(bytes(rows, 4))
                    .version(rows.getLong(5))
                    .timestamp(rows.getLong(6))
                    .meta(bytes(rows, 7))
                    .rateLimitProof(bytes(rows, 8))
                    .build();
            return new ArchivedMessage(MessageHash.of(hash), PubsubTopic.of(text(rows, 2)), message);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ArchiveErrors.prefix(file) + "the row of message 0x"
                    + HexFormat.of().formatHex(hash) + " is not a valid message: " + e.getMessage(), e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ResultSet rows, int column) throws SQLException {
        return new String(bytes(rows, column), StandardCharsets.UTF_8);
    }

    /** SQLite returns no bytes for an empty blob, which the message fields hold as empty arrays. */
    private static byte[] bytes(ResultSet rows, int column) throws SQLException {
        byte[] value = rows.getBytes(column);
        return value == null ? EMPTY : value;
    }
}
