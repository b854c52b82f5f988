package io.logos.delivery.plugin.archive.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logos.delivery.plugin.archive.postgres.testing.PostgresServerExtension;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An archive that cannot be opened fails the node's start with one line that names the server and the cause, and
 * never the password.
 */
class PostgresConnectionErrorsTest {

    @RegisterExtension
    static final PostgresServerExtension POSTGRES = new PostgresServerExtension();

    private static final String PASSWORD = "s3cr%t@pass";
    private static final String ENCODED_PASSWORD = EmbeddedPostgresServer.percentEncoded(PASSWORD);

    private static ArchiveException openFails(String url) {
        ArchiveException failure = assertThrows(ArchiveException.class,
                () -> new PostgresArchiveDriverFactory().create(new ArchiveDriverConfig(url, 2)));
        assertOneLineWithoutSecrets(failure);
        return failure;
    }

    /** The message is what an operator sees; the causes are what a log shows. */
    private static void assertOneLineWithoutSecrets(Throwable failure) {
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            assertFalse(message.contains(PASSWORD) || message.contains(ENCODED_PASSWORD)
                    || message.contains(EmbeddedPostgresServer.PASSWORD), message);
        }
    }

    @Test
    void anUnreachableServerIsNamedWithTheCause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ArchiveException failure = openFails("postgres://waku:" + ENCODED_PASSWORD + "@127.0.0.1:" + closedPort
                + "/archive");

        assertEquals("cannot connect to the PostgreSQL archive at 127.0.0.1:" + closedPort + "/archive:"
                + " Connection refused", failure.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepted by the kernel's backlog, never answered: the login timeout from the URL ends the wait
            ArchiveException failure = openFails("postgres://waku:" + ENCODED_PASSWORD + "@127.0.0.1:"
                    + silent.getLocalPort() + "/archive?loginTimeout=1");

            assertEquals("cannot connect to the PostgreSQL archive at 127.0.0.1:" + silent.getLocalPort()
                    + "/archive: Connection attempt timed out.", failure.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutIt() {
        ArchiveException failure = openFails("postgres://postgres:" + ENCODED_PASSWORD + "@127.0.0.1:" + POSTGRES.port()
                + "/postgres");

        assertEquals("cannot connect to the PostgreSQL archive at 127.0.0.1:" + POSTGRES.port() + "/postgres:"
                + " FATAL: password authentication failed for user \"postgres\"", failure.getMessage());
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        String url = POSTGRES.url("public").replace("/postgres?", "/nowhere?");

        ArchiveException failure = openFails(url);

        assertEquals("cannot connect to the PostgreSQL archive at 127.0.0.1:" + POSTGRES.port() + "/nowhere:"
                + " FATAL: database \"nowhere\" does not exist", failure.getMessage());
    }
}
