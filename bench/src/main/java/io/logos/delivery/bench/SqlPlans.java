package io.logos.delivery.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs an EXPLAIN statement with parameters and returns its plan, one line per row. */
final class SqlPlans {

    private SqlPlans() {
    }

    /**
     * @param parameters {@code byte[]}, {@code Long}, {@code Integer}, or {@code byte[][]} for a PostgreSQL
     *     {@code bytea[]}
     * @param column the result column that holds the plan text
     */
    static List<String> explain(Connection connection, String explainSql, List<Object> parameters, String column)
            throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement(explainSql)) {
            for (int i = 0; i < parameters.size(); i++) {
                switch (parameters.get(i)) {
                    case byte[] bytes -> explain.setBytes(i + 1, bytes);
                    case byte[][] array -> explain.setArray(i + 1, connection.createArrayOf("bytea", array));
                    case Long number -> explain.setLong(i + 1, number);
                    case Integer number -> explain.setInt(i + 1, number);
                    default -> throw new IllegalArgumentException("unexpected parameter " + parameters.get(i));
                }
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(column));
                }
            }
            return lines;
        }
    }
}
