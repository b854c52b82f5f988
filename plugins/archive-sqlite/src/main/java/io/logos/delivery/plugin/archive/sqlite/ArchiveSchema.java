package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The archive's tables and how a file gets to the latest version. The version is kept in
 * {@code PRAGMA user_version} (as nwaku does) and our files are marked with {@code PRAGMA application_id},
 * so another program's SQLite file, nwaku's archive included, is refused instead of altered.
 */
final class ArchiveSchema {

    /** "LDAR", logos-delivery archive, in the file header. */
    static final int APPLICATION_ID = 0x4C44_4152;

    /**
     * Version 1: nwaku's {@code Message} columns (topics as UTF-8 blobs) plus the RLN proof, so a message
     * comes back whole; unique by hash, stored by rowid, indexed per ADR 0012.
     */
    static final List<Migration> MIGRATIONS = List.of(new Migration(1, List.of(
            // a rowid table, unlike nwaku's WITHOUT ROWID one: rows are appended in arrival order and a row
            // of a few KB fits a page, where a keyed table spills every row over ~1 KB to an overflow page
            """
            CREATE TABLE Message (
              messageHash    BLOB    NOT NULL,
              pubsubTopic    BLOB    NOT NULL,
              contentTopic   BLOB    NOT NULL,
              payload        BLOB,
              version        INTEGER NOT NULL,
              timestamp      INTEGER NOT NULL,
              meta           BLOB,
              rateLimitProof BLOB
            )""",
            "CREATE UNIQUE INDEX i_hash ON Message (messageHash)",
            // the archive order, alone and within one content topic
            "CREATE INDEX i_ts ON Message (timestamp, messageHash)",
            "CREATE INDEX i_content_ts ON Message (contentTopic, timestamp, messageHash)",
            "PRAGMA application_id = " + APPLICATION_ID)));

    static final ArchiveSchema CURRENT = new ArchiveSchema(MIGRATIONS);

    private final List<Migration> migrations;

    ArchiveSchema(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + (i + 1) + " has version "
                        + migrations.get(i).version());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    int latestVersion() {
        return migrations.size();
    }

    /**
     * Brings {@code file} to the latest version in one transaction: creates the tables in an empty file,
     * applies the missing steps to an older one.
     *
     * @throws ArchiveException when the file belongs to another program or to a newer release
     */
    void migrate(CachingConnection connection, Path file) throws SQLException {
        if (connection.queryLong("SELECT count(*) FROM sqlite_schema") == 0) {
            useIncrementalVacuum(connection);
        }
        connection.inTransaction(c -> {
            int version = (int) c.queryLong("PRAGMA user_version");
            boolean empty = c.queryLong("SELECT count(*) FROM sqlite_schema") == 0;
            if (!empty) {
                checkOwnFile(c, file, version);
            }
            if (version > latestVersion()) {
                throw new ArchiveException(ArchiveErrors.prefix(file) + "schema version " + version
                        + " is newer than the latest this driver knows (" + latestVersion()
                        + "): the file was written by a newer release; run that release or use another file");
            }
            for (Migration migration : migrations.subList(version, migrations.size())) {
                for (String statement : migration.statements()) {
                    c.execute(statement);
                }
            }
            c.execute("PRAGMA user_version = " + latestVersion());
            return null;
        });
    }

    /**
     * Lets {@link SqliteArchiveDriver#reclaimSpace()} give free pages back without a full VACUUM. The mode
     * can only change with a VACUUM, outside a transaction; on a file without tables that takes no time.
     */
    private static void useIncrementalVacuum(CachingConnection connection) throws SQLException {
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL");
        connection.execute("VACUUM");
    }

    private static void checkOwnFile(CachingConnection c, Path file, int version) throws SQLException {
        long applicationId = c.queryLong("PRAGMA application_id");
        if (applicationId == APPLICATION_ID) {
            return;
        }
        boolean nwakuLike =
                c.queryLong("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'Message'") > 0;
        throw new ArchiveException(ArchiveErrors.prefix(file) + "the file is an SQLite database but not a "
                + "logos-delivery archive (application_id " + applicationId + ", user_version " + version + ")"
                + (nwakuLike ? "; it looks like an nwaku archive, which this driver does not read" : "")
                + "; use another file");
    }
}
