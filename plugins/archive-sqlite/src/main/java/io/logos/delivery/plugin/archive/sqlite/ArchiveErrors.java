package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite failures into {@link ArchiveException}s that name the file and say what to look at. */
final class ArchiveErrors {

    // SQLite's primary result codes (https://sqlite.org/rescode.html)
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private ArchiveErrors() {
    }

    /** {@code sqlite archive <file>: cannot <doing>: <reason>}. */
    static ArchiveException failed(Path file, String doing, SQLException cause) {
        return new ArchiveException(prefix(file) + "cannot " + doing + ": " + reason(cause), cause);
    }

    static ArchiveException closed(Path file) {
        return new ArchiveException(prefix(file) + "the archive is closed");
    }

    static ArchiveException interrupted(Path file, String doing) {
        Thread.currentThread().interrupt();
        return new ArchiveException(prefix(file) + "interrupted while waiting to " + doing);
    }

    static String prefix(Path file) {
        return "sqlite archive " + file + ": ";
    }

    private static String reason(SQLException cause) {
        return switch (cause.getErrorCode() & 0xFF) {
            case NOTADB -> "the file is not an SQLite database";
            case CORRUPT -> "the database file is corrupt (" + cause.getMessage() + ")";
            case FULL -> "the disk is full";
            case CANTOPEN -> "the file cannot be opened; check that the path is a file and its folder is writable ("
                    + cause.getMessage() + ")";
            case READONLY -> "the file is read-only (" + cause.getMessage() + ")";
            case BUSY, LOCKED -> "the database stayed locked by another connection or process for "
                    + ArchiveFile.BUSY_TIMEOUT_MILLIS + " ms";
            case IOERR -> "an I/O error occurred (" + cause.getMessage() + ")";
            default -> cause.getMessage();
        };
    }
}
