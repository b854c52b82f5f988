package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * The peer store's SQLite file: one row per peer. Every write is one transaction in WAL mode, so a
 * crash leaves either the old or the new rows, never a torn file. Not thread-safe: {@link PeerStore}
 * calls it from its single writer thread (and once on open).
 */
final class SqlitePeerDatabase implements AutoCloseable {

    private static final int SCHEMA_VERSION = 1;
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS peers (
              peer_id           TEXT PRIMARY KEY,
              addresses         TEXT NOT NULL,
              protocols         TEXT NOT NULL,
              origin            TEXT NOT NULL,
              cluster_id        INTEGER,
              shards            TEXT NOT NULL,
              last_connected    INTEGER,
              last_disconnected INTEGER,
              direction         TEXT,
              failed_dials      INTEGER NOT NULL,
              backoff_until     INTEGER
            )""";
    private static final String UPSERT = """
            INSERT OR REPLACE INTO peers (peer_id, addresses, protocols, origin, cluster_id, shards, last_connected,
              last_disconnected, direction, failed_dials, backoff_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELETE = "DELETE FROM peers WHERE peer_id = ?";
    /** Separates list items in a column; multiaddrs and protocol ids never contain it. */
    private static final String LIST_SEPARATOR = "\n";

    private final Path file;
    private final Connection connection;

    private SqlitePeerDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens or creates {@code file}, checking that it is an intact peer store. */
    static SqlitePeerDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new PeerStoreException("cannot create the folder of peer store " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // In WAL mode NORMAL keeps the file consistent on any crash; a power loss may drop the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
            SqlitePeerDatabase database = new SqlitePeerDatabase(file, connection);
            database.checkIntegrity();
            database.prepareSchema();
            return database;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof PeerStoreException known ? known
                    : new PeerStoreException("cannot open peer store " + file + ": " + e.getMessage(), e);
        }
    }

    private void checkIntegrity() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new PeerStoreException("peer store " + file + " is corrupt: " + verdict);
            }
        }
    }

    private void prepareSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int version;
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                version = result.next() ? result.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new PeerStoreException("peer store " + file + " has schema version " + version
                        + ", written by a newer release; this one reads up to " + SCHEMA_VERSION);
            }
            statement.execute(SCHEMA);
            statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    /** Every stored peer. */
    List<PeerRecord> loadAll() {
        List<PeerRecord> records = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM peers")) {
            while (rows.next()) {
                records.add(decode(rows));
            }
        } catch (SQLException e) {
            throw new PeerStoreException("cannot read peer store " + file + ": " + e.getMessage(), e);
        }
        return records;
    }

    private PeerRecord decode(ResultSet row) throws SQLException {
        String peer = row.getString("peer_id");
        try {
            int cluster = row.getInt("cluster_id");
            OptionalInt clusterId = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(cluster);
            ConnectionHistory history = new ConnectionHistory(instant(row, "last_connected"),
                    instant(row, "last_disconnected"),
                    Optional.ofNullable(row.getString("direction")).map(Direction::valueOf),
                    row.getInt("failed_dials"), instant(row, "backoff_until"));
            return new PeerRecord(PeerId.parse(peer), split(row.getString("addresses"), Multiaddr::parse),
                    Set.copyOf(split(row.getString("protocols"), Function.identity())),
                    PeerOrigin.valueOf(row.getString("origin")), clusterId,
                    Set.copyOf(split(row.getString("shards"), Integer::valueOf)), history);
        } catch (IllegalArgumentException e) {
            throw new PeerStoreException("peer store " + file + " holds an unreadable row for peer '" + peer + "': "
                    + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static <T> List<T> split(String column, Function<String, T> parse) {
        return column.isEmpty() ? List.of()
                : Arrays.stream(column.split(LIST_SEPARATOR)).map(parse).toList();
    }

    private static String join(Collection<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(LIST_SEPARATOR));
    }

    /** Stores {@code changed} and deletes {@code removed}, all in one transaction. */
    void write(Collection<PeerRecord> changed, Collection<PeerId> removed) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
                 PreparedStatement delete = connection.prepareStatement(DELETE)) {
                for (PeerRecord record : changed) {
                    bind(upsert, record);
                    upsert.addBatch();
                }
                for (PeerId peer : removed) {
                    delete.setString(1, peer.toString());
                    delete.addBatch();
                }
                upsert.executeBatch();
                delete.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PeerStoreException("cannot write peer store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement upsert, PeerRecord record) throws SQLException {
        ConnectionHistory history = record.history();
        upsert.setString(1, record.peer().toString());
        upsert.setString(2, join(record.addresses()));
        upsert.setString(3, join(record.protocols().stream().sorted().toList()));
        upsert.setString(4, record.origin().name());
        if (record.clusterId().isPresent()) {
            upsert.setInt(5, record.clusterId().getAsInt());
        } else {
            upsert.setNull(5, Types.INTEGER);
        }
        upsert.setString(6, join(record.shards().stream().sorted().toList()));
        bindInstant(upsert, 7, history.lastConnected());
        bindInstant(upsert, 8, history.lastDisconnected());
        upsert.setString(9, history.direction().map(Direction::name).orElse(null));
        upsert.setInt(10, history.failedDials());
        bindInstant(upsert, 11, history.backoffUntil());
    }

    private static void bindInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing is pending: every write committed or rolled back
        }
    }
}
