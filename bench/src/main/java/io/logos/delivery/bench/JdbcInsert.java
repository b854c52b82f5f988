package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The JDBC baseline: one prepared INSERT on one connection to a table of the driver's shape, either with
 * {@code addBatch} for every row and {@code executeBatch} + commit every {@value #BATCH} rows, or (unbatched) one
 * {@code executeUpdate} per row in auto-commit, one transaction per row as a driver's {@code put} does.
 */
final class JdbcInsert implements RawInsert {

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
    private final boolean batched;

    JdbcInsert(Connection connection, String insertSql, RowBinder binder, String description, boolean batched) {
        this.connection = connection;
        this.insertSql = insertSql;
        this.binder = binder;
        this.description = description;
        this.batched = batched;
    }

    @Override
    public String description() {
        return description + (batched ? ", batches of " + BATCH + " rows, one transaction each"
                : ", one row per transaction (auto-commit)");
    }

    @Override
    public void insertAll(ArchivedMessage[] messages) throws SQLException {
        connection.setAutoCommit(!batched);
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (int i = 0; i < messages.length; i++) {
                binder.bind(insert, messages[i]);
                if (!batched) {
                    insert.executeUpdate();
                    continue;
                }
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
