package io.logos.delivery.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;

/**
 * A real PostgreSQL server on 127.0.0.1 and a free port, in a fresh temporary cluster whose superuser
 * {@value #SUPERUSER} has the password {@link #PASSWORD} (scram-sha-256 over TCP; no Unix socket). Made for tests
 * and benchmarks: it does not fsync ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are off),
 * so a crash of the machine loses its data, which a throw-away cluster does not mind.
 *
 * <p>zonky's own launcher is not used: initdb refuses to run as root, which CI containers often are. This runs
 * the same binaries itself, and when the JVM is root it runs them as {@code nobody} through {@code setpriv}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** Holds every character that must be percent-encoded in a URL's user information, and a non-ASCII one. */
    public static final String PASSWORD = "p@ss:w/rd%+?#ü";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int NOBODY = 65_534;

    private final Path work;
    private final int port;
    private final Process postgres;

    private EmbeddedPostgresServer(Path work, int port, Process postgres) {
        this.work = work;
        this.port = port;
        this.postgres = postgres;
    }

    /** Creates a cluster, starts the server and waits until it accepts connections. */
    public static EmbeddedPostgresServer start() throws IOException, InterruptedException {
        Path binaries = PostgresBinaries.home();
        Path work = PostgresBinaries.sharedTemporaryDirectory("logos-delivery-postgres-cluster-");
        Path data = Files.createDirectory(work.resolve("data"));
        Path passwordFile = Files.writeString(work.resolve("password"), PASSWORD, StandardCharsets.UTF_8);
        List<String> asServerUser = serverUserPrefix(data);

        run(work, command(asServerUser, binaries.resolve("bin/initdb").toString(), "-D", data.toString(),
                "-U", SUPERUSER, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
                "--no-sync"));
        int port = freePort();
        Process postgres = new ProcessBuilder(command(asServerUser, binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("postgres.log").toFile())
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(work, port, postgres);
        server.awaitReady();
        return server;
    }

    public int port() {
        return port;
    }

    /**
     * The archive URL of {@code database} as an operator would write it,
     * {@code postgres://postgres:<percent-encoded password>@127.0.0.1:<port>/<database>}.
     */
    public String archiveUrl(String database) {
        return "postgres://" + SUPERUSER + ":" + percentEncoded(PASSWORD) + "@127.0.0.1:" + port + "/" + database;
    }

    /** RFC 3986: every byte but the unreserved characters as %XX, as a URL's user information needs. */
    public static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    /** A superuser connection to {@code database}, for preparing and inspecting what a test needs. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", PASSWORD);
        return new Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    /** Stops the server (a smart shutdown: close connections first) and deletes the cluster. */
    @Override
    public void close() throws InterruptedException {
        postgres.destroy();
        if (!postgres.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            postgres.destroyForcibly().waitFor();
        }
        PostgresBinaries.deleteTree(work);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (!postgres.isAlive() || System.nanoTime() > deadline) {
                    String log = readLog();
                    postgres.destroyForcibly().waitFor();
                    throw new IllegalStateException("PostgreSQL did not start (" + notYet.getMessage() + "): " + log);
                }
                Thread.sleep(50);
            }
        }
    }

    private String readLog() {
        try {
            return Files.readString(work.resolve("postgres.log"));
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }

    /**
     * Empty for an ordinary user. PostgreSQL refuses to run as root: then the data directory is given to
     * {@code nobody}, and the commands run as {@code nobody}.
     */
    private static List<String> serverUserPrefix(Path data) throws IOException {
        if (!isRoot(data)) {
            return List.of();
        }
        Files.setAttribute(data, "unix:uid", NOBODY);
        Files.setAttribute(data, "unix:gid", NOBODY);
        return List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--");
    }

    /** Whether this JVM runs as root: the owner of a directory it just made tells. */
    private static boolean isRoot(Path ownDirectory) throws IOException {
        try {
            return ((Integer) Files.getAttribute(ownDirectory, "unix:uid")) == 0;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static List<String> command(List<String> prefix, String... command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        return full;
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
