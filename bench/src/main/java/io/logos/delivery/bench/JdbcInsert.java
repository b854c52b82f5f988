package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The JDBC baseline: one prepared INSERT, {@code addBatch} for every row and {@code executeBatch} + commit every
 * {@value #BATCH} rows, on one connection to a table of the driver's shape.
 */
final class JdbcBatchInsert implements RawInsert {

    static final int BATCH = 1_000;

    /** Sets the parameters of the INSERT for one message. */
    @FunctionalInterface
    interface RowBinder {
        void bind(PreparedStatement insert, ArchivedMessage message) throws SQLException;
    }

    private final Connection connection;
    private final String insertSql;
    private final RowBinder binder;
    private final String description;

    JdbcBatchInsert(Connection connection, String insertSql, RowBinder binder, String description) {
        this.connection = connection;
        this.insertSql = insertSql;
        this.binder = binder;
        this.description = description;
    }

    @Override
    public String description() {
        return description + ", batches of " + BATCH + " rows, one transaction each";
    }

    @Override
    public void insertAll(ArchivedMessage[] messages) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (int i = 0; i < messages.length; i++) {
                binder.bind(insert, messages[i]);
                insert.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == messages.length) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
