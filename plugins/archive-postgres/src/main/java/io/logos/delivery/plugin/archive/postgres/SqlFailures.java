package io.logos.delivery.plugin.archive.postgres;

import java.sql.SQLException;

/** How the driver reads the PostgreSQL errors it gets back. */
final class SqlFailures {

    /** {@code check_violation}: raised for a row whose time range has no partition. */
    private static final String CHECK_VIOLATION = "23514";

    private SqlFailures() {
    }

    /** The first line of the message: the server's detail and hint lines follow it. */
    static String firstLine(SQLException failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    /**
     * Whether the connection that raised {@code failure} is unusable: connection exceptions (class 08) and
     * a server shutting down (57P).
     */
    static boolean isConnectionLost(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Whether an insert failed because no partition covers the row's timestamp. */
    static boolean isMissingPartition(SQLException failure) {
        return CHECK_VIOLATION.equals(failure.getSQLState());
    }
}
