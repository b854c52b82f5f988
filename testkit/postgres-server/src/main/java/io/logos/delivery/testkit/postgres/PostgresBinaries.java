package io.logos.delivery.testkit.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The PostgreSQL binaries of this machine's platform, from the {@code io.zonky.test.postgres} jars on the class
 * path, unpacked once per JVM into a temporary directory that every user may read (the server may run as
 * {@code nobody}, see {@link EmbeddedPostgresServer}) and deleted when the JVM exits.
 */
final class PostgresBinaries {

    private static Path home;

    private PostgresBinaries() {
    }

    /** The directory holding {@code bin/initdb} and {@code bin/postgres}. */
    static synchronized Path home() {
        if (home == null) {
            home = unpack();
        }
        return home;
    }

    /** A temporary directory that every user may enter, deleted with everything in it when the JVM exits. */
    static Path sharedTemporaryDirectory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
        return directory;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpack() {
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            Path directory = sharedTemporaryDirectory("logos-delivery-postgres-");
            // a .txz archive: the system tar unpacks it faster than Java would, keeping modes and links
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", directory.toString())
                    .redirectErrorStream(true).start();
            try (OutputStream stdin = tar.getOutputStream()) {
                archive.transferTo(stdin);
            }
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar could not unpack the PostgreSQL binaries: " + output);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The system names the zonky binary jars use. */
    private static String system() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.startsWith("mac") ? "Darwin" : name.startsWith("windows") ? "Windows" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }
}
