package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers the node knows, in memory and, when given a file, in SQLite so that a restarted node
 * still knows them. Thread-safe; reads never touch the file. Changes are written behind, in order,
 * on a thread of the store's own (never on the caller's, so event loops may call every method).
 */
public final class PeerStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStore.class);

    private static final Set<String> UNSPECIFIED_IPS = Set.of("0.0.0.0", "::");

    private final Map<PeerId, PeerRecord> peers = new ConcurrentHashMap<>();
    private final Optional<Persistence> persistence;

    /** The file and the single thread that writes it; peers changed since the last write are "dirty". */
    private record Persistence(SqlitePeerDatabase database, ExecutorService writer, Set<PeerId> dirty,
                               AtomicBoolean writeScheduled) {
    }

    private PeerStore(Optional<SqlitePeerDatabase> database) {
        this.persistence = database.map(db -> new Persistence(db, Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("peer-store-writer").factory()),
                ConcurrentHashMap.newKeySet(), new AtomicBoolean()));
        database.ifPresent(db -> db.loadAll().forEach(record -> peers.put(record.peer(), record)));
    }

    /** A store that forgets everything when the node stops. */
    public static PeerStore inMemory() {
        return new PeerStore(Optional.empty());
    }

    /**
     * Opens (or creates) the store at {@code file} and loads its peers. Blocks on file I/O: call it
     * while building the node, not on an event loop.
     *
     * @throws PeerStoreException naming the file when it cannot be created, is not an intact peer
     *                            store, or holds unreadable rows
     */
    public static PeerStore open(Path file) {
        SqlitePeerDatabase database = SqlitePeerDatabase.open(file);
        try {
            return new PeerStore(Optional.of(database));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** {@link #open} for a file, {@link #inMemory} otherwise. */
    public static PeerStore of(Optional<Path> file) {
        return file.map(PeerStore::open).orElseGet(PeerStore::inMemory);
    }

    public Optional<PeerRecord> get(PeerId peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    public List<PeerRecord> all() {
        return List.copyOf(peers.values());
    }

    /**
     * Records a peer learned of from {@code origin} at {@code addresses} (transport addresses, a
     * trailing {@code /p2p/<id>} is dropped), or adds the addresses to what is known of it. An existing
     * peer keeps its first origin, unless it is now configured ({@link PeerOrigin#STATIC}).
     */
    public PeerRecord add(PeerId peer, Collection<Multiaddr> addresses, PeerOrigin origin) {
        List<Multiaddr> transport = dialable(addresses);
        PeerRecord added = peers.merge(peer, PeerRecord.of(peer, transport, origin),
                (known, fresh) -> known.withAddresses(transport).withOrigin(origin));
        markDirty(peer);
        return added;
    }

    /** The transport part of each address (no {@code /p2p}), without wildcard IPs nobody can dial. */
    private static List<Multiaddr> dialable(Collection<Multiaddr> addresses) {
        return addresses.stream()
                .flatMap(address -> address.decapsulate(Protocol.P2P).stream())
                .filter(address -> address.host().filter(UNSPECIFIED_IPS::contains).isEmpty())
                .toList();
    }

    /**
     * Records what the metadata protocol learned of a known peer: its cluster and the shards it serves.
     * Does nothing for a peer the store does not know (e.g. forgotten meanwhile).
     */
    public void recordMetadata(PeerId peer, int clusterId, Collection<Integer> shards) {
        update(peer, record -> record.withMetadata(clusterId, shards));
    }

    /** Records what identify (or discovery) says a known peer serves, and where it listens. */
    void recordIdentify(PeerId peer, Collection<String> protocols, Collection<Multiaddr> listenAddresses) {
        List<Multiaddr> transport = dialable(listenAddresses);
        update(peer, record -> record.withProtocols(protocols).withAddresses(transport));
    }

    /** Records a connection; a peer that dialed us unannounced becomes known. */
    void recordConnected(PeerId peer, Direction direction, Instant at) {
        peers.compute(peer, (id, known) -> {
            PeerRecord record = known != null ? known : PeerRecord.of(id, List.of(), PeerOrigin.CONNECTION);
            return record.withHistory(record.history().connected(at, direction));
        });
        markDirty(peer);
    }

    void recordDisconnected(PeerId peer, Instant at) {
        update(peer, record -> record.withHistory(record.history().disconnected(at)));
    }

    /**
     * Applies {@code change} to a known peer.
     *
     * @return the changed record, empty when the peer is unknown
     */
    Optional<PeerRecord> update(PeerId peer, UnaryOperator<PeerRecord> change) {
        PeerRecord changed = peers.computeIfPresent(peer, (id, record) -> change.apply(record));
        if (changed != null) {
            markDirty(peer);
        }
        return Optional.ofNullable(changed);
    }

    /**
     * Removes a peer, from the file too.
     *
     * @return whether it was known
     */
    public boolean forget(PeerId peer) {
        boolean known = peers.remove(peer) != null;
        markDirty(peer);
        return known;
    }

    /** Completes once every change made before the call is in the file. */
    public CompletableFuture<Void> flush() {
        try {
            return persistence.map(p -> CompletableFuture.runAsync(() -> { }, p.writer()))
                    .orElseGet(() -> CompletableFuture.completedFuture(null));
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the peer store is closed", closed));
        }
    }

    /**
     * Schedules a write of {@code peer}'s current state (or its deletion). The writer reads the latest
     * state when it runs, so concurrent changes can never be written out of order, and a burst of
     * changes becomes one transaction.
     */
    private void markDirty(PeerId peer) {
        persistence.ifPresent(p -> {
            p.dirty().add(peer);
            if (p.writeScheduled().compareAndSet(false, true)) {
                try {
                    p.writer().execute(() -> writeDirty(p));
                } catch (RejectedExecutionException closed) {
                    LOG.debug("Peer store closed; change to {} kept in memory only", peer);
                }
            }
        });
    }

    private void writeDirty(Persistence p) {
        // Cleared before taking the batch: a peer marked from now on schedules the next write.
        p.writeScheduled().set(false);
        List<PeerId> batch = new ArrayList<>();
        for (Iterator<PeerId> it = p.dirty().iterator(); it.hasNext(); ) {
            batch.add(it.next());
            it.remove();
        }
        if (batch.isEmpty()) {
            return;
        }
        List<PeerRecord> changed = new ArrayList<>();
        List<PeerId> removed = new ArrayList<>();
        for (PeerId peer : batch) {
            PeerRecord record = peers.get(peer);
            if (record != null) {
                changed.add(record);
            } else {
                removed.add(peer);
            }
        }
        try {
            p.database().write(changed, removed);
        } catch (PeerStoreException e) {
            // Kept dirty: the next change retries them, so a full disk does not lose them for good.
            p.dirty().addAll(batch);
            LOG.error("Peer store changes not saved: {}", e.getMessage());
        }
    }

    /** Writes the pending changes and closes the file. The in-memory peers stay readable. */
    @Override
    public void close() {
        persistence.ifPresent(p -> {
            p.writer().shutdown();
            try {
                if (!p.writer().awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Peer store {} still writing after 30 s; closing it anyway", p.database().file());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.database().close();
        });
    }
}
