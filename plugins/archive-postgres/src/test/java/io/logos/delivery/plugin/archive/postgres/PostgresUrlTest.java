package io.logos.delivery.plugin.archive.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    private static PostgresUrl parse(String url) {
        return PostgresUrl.parse(new ArchiveDriverConfig(url, 1));
    }

    @Test
    void readsNwakusForm() {
        PostgresUrl url = parse("postgres://waku:secret@db.example.org:15432/archive");
        assertEquals(new PostgresUrl("db.example.org", 15432, "archive", Optional.of("waku"), Optional.of("secret"),
                Map.of()), url);
        assertEquals("jdbc:postgresql://db.example.org:15432/archive", url.jdbcUrl());
        assertEquals("db.example.org:15432/archive", url.describe());
    }

    @Test
    void acceptsThePostgresqlSchemeAndDefaultsThePort() {
        PostgresUrl url = parse("postgresql://waku@localhost/archive");
        assertEquals(PostgresUrl.DEFAULT_PORT, url.port());
        assertEquals(Optional.of("waku"), url.user());
        assertEquals(Optional.empty(), url.password());
        assertEquals(Optional.empty(), parse("postgres://localhost/archive").user());
    }

    @Test
    void percentDecodesCredentialsAndDatabaseButKeepsPlus() {
        PostgresUrl url = parse("postgres://w%40ku:p%40ss%3Aw%2Frd%25+%C3%BC@localhost/my%20db");
        assertEquals(Optional.of("w@ku"), url.user());
        assertEquals(Optional.of("p@ss:w/rd%+ü"), url.password());
        assertEquals("my db", url.database());
        assertEquals("jdbc:postgresql://localhost:5432/my+db", url.jdbcUrl(), "the JDBC driver form-decodes the name");
    }

    @Test
    void takesARawAtSignOrColonInThePassword() {
        PostgresUrl url = parse("postgres://waku:p@ss:word@localhost:5433/archive");
        assertEquals(Optional.of("waku"), url.user());
        assertEquals(Optional.of("p@ss:word"), url.password());
        assertEquals(5433, url.port());
    }

    @Test
    void readsBracketedIpv6Hosts() {
        PostgresUrl url = parse("postgres://waku:secret@[::1]:6543/archive");
        assertEquals("[::1]", url.host());
        assertEquals("jdbc:postgresql://[::1]:6543/archive", url.jdbcUrl());
        assertEquals(PostgresUrl.DEFAULT_PORT, parse("postgres://[fe80::1]/archive").port());
    }

    @Test
    void parametersBecomeConnectionPropertiesUnderTheCredentials() {
        PostgresUrl url = parse("postgres://waku:secret@localhost/archive?sslmode=require&connectTimeout=2&user=other");
        Properties properties = url.connectionProperties(Map.of("connectTimeout", "5", "ApplicationName", "node"));
        assertEquals("require", properties.getProperty("sslmode"));
        assertEquals("2", properties.getProperty("connectTimeout"), "the URL overrides a default");
        assertEquals("node", properties.getProperty("ApplicationName"));
        assertEquals("waku", properties.getProperty("user"), "the credentials before the host win");
        assertEquals("secret", properties.getProperty("password"));
    }

    @Test
    void neverShowsThePassword() {
        PostgresUrl url = parse("postgres://waku:hunter2@localhost/archive?password=hunter3");
        assertFalse(url.toString().contains("hunter"), url.toString());
        assertEquals("postgres://waku:***@localhost:5432/archive?[password]", url.toString());

        ArchiveException invalid = assertThrows(ArchiveException.class,
                () -> parse("postgres://waku:hunter2%zz@localhost/archive"));
        assertEquals("invalid PostgreSQL archive URL: the password holds a '%' that is not followed by two hex digits;"
                + " expected postgres://user:password@host[:port]/database[?name=value&...]", invalid.getMessage());
    }

    @Test
    void saysWhatIsWrongWithAnInvalidUrl() {
        assertInvalid("sqlite://store.sqlite3", "the scheme is 'sqlite', not postgres or postgresql");
        assertInvalid("postgres://waku:secret@localhost", "it names no database");
        assertInvalid("postgres://waku:secret@localhost/", "it names no database");
        assertInvalid("postgres://waku:secret@/archive", "it names no host");
        assertInvalid("postgres://localhost:0/archive", "the port '0' is not a number from 1 to 65535");
        assertInvalid("postgres://localhost:http/archive", "the port 'http' is not a number from 1 to 65535");
        assertInvalid("postgres://[::1]x/archive", "the host '[::1]' is followed by 'x', not by :port");
        assertInvalid("postgres://localhost/archive?sslmode", "parameter 'sslmode' is not of the form name=value");
    }

    private static void assertInvalid(String url, String reason) {
        ArchiveException invalid = assertThrows(ArchiveException.class, () -> parse(url));
        assertTrue(invalid.getMessage().startsWith("invalid PostgreSQL archive URL: " + reason + "; expected "),
                invalid.getMessage());
    }
}
