package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.Driver;

/**
 * Opens connections to the server of a {@link PostgresUrl} with the PostgreSQL JDBC driver, called directly rather
 * than through {@link java.sql.DriverManager}, which cannot see drivers in a plugin layer. Connecting is bounded
 * by {@link #CONNECT_TIMEOUT_SECONDS}, unless the URL sets {@code connectTimeout} itself.
 */
final class PostgresConnector implements Supplier<Connection> {

    static final int CONNECT_TIMEOUT_SECONDS = 5;
    static final String APPLICATION_NAME = "logos-delivery";

    private static final Map<String, String> DEFAULTS = Map.of(
            "connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS),
            "loginTimeout", String.valueOf(2 * CONNECT_TIMEOUT_SECONDS),
            "ApplicationName", APPLICATION_NAME,
            "tcpKeepAlive", "true");

    private final Driver driver = new Driver();
    private final PostgresUrl url;
    private final String jdbcUrl;
    private final Properties properties;

    PostgresConnector(PostgresUrl url) {
        this.url = url;
        this.jdbcUrl = url.jdbcUrl();
        this.properties = url.connectionProperties(DEFAULTS);
    }

    /**
     * @throws ArchiveException with one line naming the server and the cause, never the password
     */
    @Override
    public Connection get() {
        try {
            Connection connection = driver.connect(jdbcUrl, properties);
            if (connection == null) {
                throw new IllegalStateException("the PostgreSQL JDBC driver refused its own URL " + jdbcUrl);
            }
            return connection;
        } catch (SQLException e) {
            throw new ArchiveException("cannot connect to the PostgreSQL archive at " + url.describe() + ": "
                    + reason(e), e);
        }
    }

    /** The network error beneath a failed connection attempt, or the server's complaint. */
    private static String reason(SQLException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return SqlFailures.firstLine(failure);
    }
}
