package io.logos.delivery.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the jlink image's launcher the way an operator would. */
class LauncherIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Path LAUNCHER = Path.of(System.getProperty("image.dir"), "bin", "logos-delivery");

    @TempDir
    Path workingDirectory;

    private Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        readers.add(collect(process.getInputStream(), stdout));
        readers.add(collect(process.getErrorStream(), stderr));
        return process;
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Waits for the exit and for the rest of the output. */
    private int exitCode(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "no exit within " + timeout + "; stdout: " + stdout + " stderr: " + stderr);
        for (Thread reader : readers) {
            assertTrue(reader.join(STOP_TIMEOUT), "output not closed after exit");
        }
        return process.exitValue();
    }

    private void assertLine(List<String> lines, Predicate<String> condition) {
        assertTrue(lines.stream().anyMatch(condition), "line not seen; stdout: " + stdout + " stderr: " + stderr);
    }

    /** Polls a running node's output until a line matches; fails when it exits or times out first. */
    private void awaitLine(List<String> lines, Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (lines.stream().noneMatch(condition)) {
            assertTrue(process.isAlive(), "process ended early; stdout: " + stdout + " stderr: " + stderr);
            assertTrue(System.nanoTime() < deadline, "line not seen; stdout: " + stdout + " stderr: " + stderr);
            Thread.sleep(20);
        }
    }

    @Test
    void launcherIsExecutableInTheImage() {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is not executable");
        assertTrue(Files.isDirectory(LAUNCHER.getParent().resolveSibling("plugins")), "plugins folder missing");
    }

    @Test
    void printsItsVersion() throws Exception {
        launch("--version");
        assertEquals(0, exitCode(STOP_TIMEOUT));
        assertLine(stdout, line -> line.matches("logos-delivery \\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void listsTheArchivesLinkedIntoTheImage() throws Exception {
        launch("--list-plugins");
        assertEquals(0, exitCode(STOP_TIMEOUT));
        assertLine(stdout, line -> line.startsWith("archive-driver") && line.contains(" memory ")
                && line.endsWith("jrt:/io.logos.delivery.plugin.archive.memory"));
        assertLine(stdout, line -> line.startsWith("archive-driver") && line.contains(" sqlite ")
                && line.endsWith("jrt:/io.logos.delivery.plugin.archive.sqlite"));
    }

    @Test
    void keepsTheArchiveInAnSqliteFileBelowTheWorkingDirectory() throws Exception {
        launch("--store=true", "--store-message-db-url=sqlite://data/store.sqlite3", "--tcp-port=0");
        awaitLine(stdout, line -> line.contains("Node started"));
        assertLine(stdout, line -> line.contains("Archive sqlite://data/store.sqlite3 open, 0 messages stored"));
        assertTrue(Files.isRegularFile(workingDirectory.resolve("data/store.sqlite3")));

        process.toHandle().destroy();

        assertEquals(0, exitCode(STOP_TIMEOUT), "stderr: " + stderr);
        assertEquals(List.of(), stderr, "sqlite-jdbc loads its native library without a warning");
    }

    @Test
    void startsAndStopsCleanlyOnSigterm() throws Exception {
        launch("--store=true", "--store-message-db-url=memory://", "--tcp-port=0", "--websocket-support=true",
                "--websocket-port=0");
        awaitLine(stdout, line -> line.contains("Node started"));
        assertLine(stdout, line -> line.contains("Archive memory:// open"));
        assertLine(stdout, line -> line.matches(".*Listening on /ip4/0\\.0\\.0\\.0/tcp/\\d+/p2p/16Uiu2\\w+$"));
        assertLine(stdout, line -> line.matches(".*Listening on /ip4/0\\.0\\.0\\.0/tcp/\\d+/ws/p2p/16Uiu2\\w+$"));
        assertLine(stdout, line -> line.contains("(epoll I/O)"));

        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        assertEquals(0, exitCode(STOP_TIMEOUT), "stderr: " + stderr);
        assertLine(stdout, line -> line.contains("Node stopped"));
        assertEquals(List.of(), stderr);
    }

    @Test
    void startsAndStopsCleanlyOnSigint() throws Exception {
        launch("--tcp-port=0");
        awaitLine(stdout, line -> line.contains("Node started"));

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        assertEquals(0, exitCode(STOP_TIMEOUT), "stderr: " + stderr);
        assertLine(stdout, line -> line.contains("Node stopped"));
    }

    @Test
    void anUnknownFlagExitsNonZeroWithOneLine() throws Exception {
        launch("--no-such-flag");
        assertEquals(2, exitCode(STOP_TIMEOUT));
        assertLine(stderr, line -> line.startsWith("logos-delivery: Unknown option: '--no-such-flag'"));
        assertEquals(1, stderr.size(), stderr.toString());
    }
}
