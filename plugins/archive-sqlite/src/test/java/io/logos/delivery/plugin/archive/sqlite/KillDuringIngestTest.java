package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged put survives SIGKILL: a child JVM ingests at full speed and is killed mid-write; the
 * file then opens cleanly and holds every hash the child printed after {@code put} returned true.
 */
class KillDuringIngestTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 3_000;

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedPutSurvivesAKillNine() throws Exception {
        Path file = folder.resolve("killed.sqlite3");
        Path errors = folder.resolve("child-errors.txt");
        Process child = startIngest("sqlite://" + file, errors);
        Set<MessageHash> acknowledged = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = lines.readLine()) != null) {
                acknowledged.add(MessageHash.fromHex(line));
            }
            assertEquals(ACKNOWLEDGED_BEFORE_KILL, acknowledged.size(),
                    () -> "the child stopped early: " + read(errors));
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not die");
            // lines already in the pipe were acknowledged too; a torn last line was not
            while ((line = lines.readLine()) != null) {
                if (line.length() == 2 + 2 * MessageHash.SIZE) {
                    acknowledged.add(MessageHash.fromHex(line));
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "exit status 128 + SIGKILL");

        assertEquals("ok", integrityCheck(file));
        try (ArchiveDriver reopened = new SqliteArchiveDriverFactory().create(
                new ArchiveDriverConfig("sqlite://" + file, 2))) {
            assertEquals(acknowledged.size(), found(reopened, acknowledged), "acknowledged messages found");
            assertTrue(reopened.count() >= acknowledged.size());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no error output: " + e + ")";
        }
    }

    private Process startIngest(String url, Path errors) throws IOException, URISyntaxException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // the test classes are patched into the plugin's module: put them first on the child's module path
        String testClasses = Path.of(
                IngestUntilKilled.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> command = List.of(java, "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", System.getProperty("jdk.module.path"),
                "--patch-module", "io.logos.delivery.plugin.archive.sqlite=" + testClasses,
                "-m", "io.logos.delivery.plugin.archive.sqlite/" + IngestUntilKilled.class.getName(), url);
        return new ProcessBuilder(command).redirectError(errors.toFile()).start();
    }

    private static String integrityCheck(Path file) throws SQLException {
        try (CachingConnection connection = new CachingConnection(ArchiveFile.openReader(file))) {
            return connection.queryText("PRAGMA integrity_check");
        }
    }

    private static int found(ArchiveDriver driver, Set<MessageHash> hashes) {
        List<MessageHash> all = new ArrayList<>(hashes);
        int found = 0;
        for (int from = 0; from < all.size(); from += 100) {
            Set<MessageHash> batch = Set.copyOf(all.subList(from, Math.min(all.size(), from + 100)));
            List<ArchivedMessage> page = driver.find(ArchiveQuery.builder().hashes(batch).limit(100).build());
            found += page.size();
        }
        return found;
    }
}
