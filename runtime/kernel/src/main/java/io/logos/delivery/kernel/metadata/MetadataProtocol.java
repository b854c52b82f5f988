package io.logos.delivery.kernel.metadata;

import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionListener;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waku metadata ({@value #ID}, RFC 66): answers with our cluster and shards, and queries every newly
 * connected peer. As nwaku does, a peer that does not answer, reports no cluster or another cluster is
 * disconnected; the listener forgets it. Peers of our cluster are reported with their shards.
 */
public final class MetadataProtocol implements ConnectionListener {

    public static final String ID = "/vac/waku/metadata/1.0.0";
    /** nwaku reads at most this much of a metadata request or response. */
    static final int MAX_FRAME = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MetadataProtocol.class);

    private final Host host;
    private final int clusterId;
    private final Supplier<List<Integer>> shards;
    private final MetadataListener listener;
    private final Duration timeout;

    /**
     * @param shards the shards to announce, read at each exchange (a relay node's subscriptions)
     */
    public MetadataProtocol(Host host, int clusterId, Supplier<List<Integer>> shards, MetadataListener listener,
                            Duration timeout) {
        this.host = host;
        this.clusterId = clusterId;
        this.shards = shards;
        this.listener = listener;
        this.timeout = timeout;
    }

    /** Serves {@value #ID} and queries every peer that connects from now on. */
    public void mount() {
        host.setFramedHandler(ID, MAX_FRAME, this::respond);
        host.addConnectionListener(this);
    }

    private void respond(FramedStream stream) {
        stream.read()
                .thenCompose(request -> stream.answerAndFinish(MetadataCodec.encode(clusterId, shards.get())))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.debug("Metadata request from {} failed: {}", stream.remotePeer(), failure.toString());
                        stream.reset();
                    }
                });
    }

    @Override
    public void connected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (host.connections(peer).size() > 1) {
            return; // asked on the first connection already
        }
        query(peer).whenComplete((metadata, failure) -> {
            if (failure != null) {
                refuse(peer, "metadata exchange failed: " + rootMessage(failure));
            } else if (metadata.clusterId().isEmpty()) {
                refuse(peer, "empty cluster-id reported");
            } else if (metadata.clusterId().getAsInt() != clusterId) {
                refuse(peer, "cluster mismatch: peer is in cluster " + metadata.clusterId().getAsInt()
                        + ", we are in " + clusterId);
            } else {
                listener.accepted(peer, metadata);
            }
        });
    }

    @Override
    public void disconnected(Connection connection) {
    }

    /** Asks a connected peer for its cluster and shards. */
    public CompletableFuture<PeerMetadata> query(PeerId peer) {
        return host.newFramedStream(peer, List.of(ID), MAX_FRAME)
                .thenCompose(stream -> stream.write(MetadataCodec.encode(clusterId, shards.get()))
                        .thenCompose(written -> stream.closeWrite())
                        .thenCompose(closed -> stream.read())
                        .thenApply(answer -> decode(peer, answer.orElse(null)))
                        .whenComplete((metadata, failure) -> stream.close()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static PeerMetadata decode(PeerId peer, byte[] answer) {
        if (answer == null) {
            throw new IllegalStateException(peer + " closed the metadata stream without answering");
        }
        try {
            return MetadataCodec.decode(answer);
        } catch (IOException e) {
            throw new IllegalStateException("undecodable metadata answer from " + peer + ": " + e.getMessage(), e);
        }
    }

    private void refuse(PeerId peer, String reason) {
        LOG.info("Disconnecting {}: {}", peer, reason);
        host.connections(peer).forEach(Connection::close);
        listener.refused(peer, reason);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
