package io.logos.delivery.plugin.archive.postgres.testing;

import io.logos.delivery.testkit.postgres.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedPostgresServer} per test class: register it as a static field with
 * {@code @RegisterExtension}. Tests get isolation from a fresh schema each ({@link #freshSchemaUrl()}), which
 * takes milliseconds where a fresh server or database would take seconds.
 */
public final class PostgresServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String DATABASE = "postgres";

    private final AtomicInteger schemas = new AtomicInteger();
    private EmbeddedPostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = EmbeddedPostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public int port() {
        return server.port();
    }

    /** An archive URL, with a percent-encoded password, for an empty schema nobody else uses. */
    public String freshSchemaUrl() throws SQLException {
        String schema = "archive_test_" + schemas.incrementAndGet();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return url(schema);
    }

    /** The archive URL of {@code schema}, as an operator would write it. */
    public String url(String schema) {
        return server.archiveUrl(DATABASE) + "?currentSchema=" + schema;
    }

    /** The schema of a URL from {@link #freshSchemaUrl()}. */
    public static String schemaOf(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    /** A superuser connection to the test database. */
    public Connection connect() throws SQLException {
        return server.connect(DATABASE);
    }
}
