package io.logos.delivery.plugin.archive.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** How connections to the archive file are opened: the settings that make it durable and concurrent. */
final class ArchiveFile {

    /** How long a connection waits for a lock held by another connection or process before failing. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** The WAL file is cut back to this size after each checkpoint, so one burst does not keep it large. */
    private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private ArchiveFile() {
    }

    /**
     * The single writing connection. WAL with {@code synchronous=NORMAL}: a commit is appended to the WAL
     * without an fsync, so it survives the process dying (the OS has the bytes) but the last commits may
     * be lost on power loss or an OS crash; the file itself stays consistent in every case (ADR 0012).
     */
    static Connection openWriter(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, WAL_SIZE_LIMIT_BYTES));
        // take the write lock when a transaction begins, not at its first write, so it never fails half-way
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection(url(file));
    }

    /** A read-only connection: it sees the last commit and never blocks the writer, nor is blocked by it. */
    static Connection openReader(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setReadOnly(true);
        return config.createConnection(url(file));
    }

    private static SQLiteConfig common() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }
}
