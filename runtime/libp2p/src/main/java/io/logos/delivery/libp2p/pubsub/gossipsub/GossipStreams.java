package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.PubSubNetwork;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pubsub streams of each peer (pubsub spec, "Stream management"): one outbound stream we write RPCs to,
 * and the inbound stream the peer writes to (a newer one replaces an older one). A peer becomes known to the
 * router once its first stream is up. RPCs to send wait while the outbound stream opens, within a byte budget
 * per peer that also covers writes the stream has not sent yet; beyond it they are dropped, so a slow or
 * silent peer cannot make us buffer without bound. A failed or closed outbound stream is reopened with growing
 * delays; after a few failures in a row the peer is given up until it connects again.
 *
 * <p>All state lives on the router's event loop; the host-facing methods may be called from any thread.
 */
final class GossipStreams {

    private static final Logger LOG = LoggerFactory.getLogger(GossipStreams.class);
    private static final int MAX_OPEN_ATTEMPTS = 3;

    /** What happens to peers, reported on the router's event loop. */
    interface Listener {
        /** The peer's first pubsub stream is up, speaking {@code protocolId}. */
        void peerReady(PeerId peer, String protocolId, ConnectionDirection direction, Optional<InetAddress> address);

        /** The peer sent an RPC. */
        void rpcReceived(PeerId peer, RPC rpc);

        /** The peer, once ready, is gone: disconnected or its outbound stream could not be kept open. */
        void peerGone(PeerId peer);
    }

    /** One peer's streams. */
    private static final class PeerStreams {
        final ConnectionDirection direction;
        final Optional<InetAddress> address;
        final ArrayDeque<RPC> queued = new ArrayDeque<>();
        /** Bytes queued or written to the outbound stream but not yet sent. */
        long unsentBytes;
        Channel outbound;
        Channel inbound;
        boolean opening;
        boolean ready;
        int failedAttempts;

        PeerStreams(ConnectionDirection direction, Optional<InetAddress> address) {
            this.direction = direction;
            this.address = address;
        }
    }

    private final List<String> protocolIds;
    private final PubSubNetwork network;
    private final EventExecutor loop;
    private final int maxFrameSize;
    private final long maxUnsentBytesPerPeer;
    private final Listener listener;
    private final Map<PeerId, PeerStreams> peers = new HashMap<>();
    private boolean closed;

    /**
     * @param loop                  the router's event loop
     * @param maxFrameSize          the RPC size limit in both directions
     * @param maxUnsentBytesPerPeer how many bytes of RPCs may wait for one peer before further ones are dropped
     */
    GossipStreams(List<String> protocolIds, PubSubNetwork network, EventExecutor loop, int maxFrameSize,
                  long maxUnsentBytesPerPeer, Listener listener) {
        this.protocolIds = List.copyOf(protocolIds);
        this.network = network;
        this.loop = loop;
        this.maxFrameSize = maxFrameSize;
        this.maxUnsentBytesPerPeer = maxUnsentBytesPerPeer;
        this.listener = listener;
    }

    /** See {@link io.logos.delivery.libp2p.pubsub.PubSubConnections#peerConnected}. */
    void peerConnected(PeerId peer, ConnectionDirection direction, Optional<InetAddress> address,
                       Collection<String> protocols) {
        boolean supported = protocols.isEmpty() || protocols.stream().anyMatch(protocolIds::contains);
        if (!supported) {
            return;
        }
        onLoop(() -> {
            if (closed || peers.containsKey(peer)) {
                return;
            }
            PeerStreams streams = new PeerStreams(direction, address);
            peers.put(peer, streams);
            openOutbound(peer, streams);
        });
    }

    /** See {@link io.logos.delivery.libp2p.pubsub.PubSubConnections#inboundStream}; called on the stream's loop. */
    void inboundStream(PeerId peer, Channel stream) {
        install(stream, peer, true);
        if (!onLoop(() -> registerInbound(peer, stream))) {
            stream.close();
        }
    }

    /** See {@link io.logos.delivery.libp2p.pubsub.PubSubConnections#peerDisconnected}. */
    void peerDisconnected(PeerId peer) {
        onLoop(() -> {
            PeerStreams streams = peers.remove(peer);
            if (streams != null) {
                forget(peer, streams);
            }
        });
    }

    /** Sends {@code rpc} to {@code peer}, or queues it while the outbound stream opens. On the router's loop. */
    void send(PeerId peer, RPC rpc) {
        PeerStreams streams = peers.get(peer);
        if (streams == null) {
            return;
        }
        int size = rpc.getSerializedSize();
        int frameSize = Varint.encodedLength(size) + size;
        if (streams.unsentBytes + frameSize > maxUnsentBytesPerPeer) {
            LOG.debug("dropping an RPC of {} bytes to {}: {} bytes wait already", size, peer, streams.unsentBytes);
            return;
        }
        streams.unsentBytes += frameSize;
        if (streams.outbound != null) {
            write(streams, rpc, frameSize);
        } else {
            streams.queued.add(rpc);
        }
    }

    /** Closes every stream; on the router's loop. */
    void close() {
        closed = true;
        peers.forEach(this::forget);
        peers.clear();
    }

    private void registerInbound(PeerId peer, Channel stream) {
        if (closed) {
            stream.close();
            return;
        }
        PeerStreams streams = peers.computeIfAbsent(peer,
                p -> new PeerStreams(ConnectionDirection.INBOUND, Optional.empty()));
        if (streams.inbound != null) {
            streams.inbound.close();
        }
        streams.inbound = stream;
        markReady(peer, streams, protocolOf(stream));
        if (streams.outbound == null && !streams.opening) {
            openOutbound(peer, streams);
        }
    }

    private void openOutbound(PeerId peer, PeerStreams streams) {
        streams.opening = true;
        CompletableFuture<Channel> opened;
        try {
            opened = network.openStream(peer, protocolIds);
        } catch (RuntimeException e) {
            opened = CompletableFuture.failedFuture(e);
        }
        opened.whenComplete((stream, error) -> {
            if (!onLoop(() -> outboundOpened(peer, streams, stream, error)) && stream != null) {
                stream.close();
            }
        });
    }

    private void outboundOpened(PeerId peer, PeerStreams streams, Channel stream, Throwable error) {
        streams.opening = false;
        if (closed || peers.get(peer) != streams) {
            if (stream != null) {
                stream.close();
            }
            return;
        }
        if (error != null) {
            LOG.debug("could not open a pubsub stream to {}: {}", peer, error.toString());
            retryOrGiveUp(peer, streams);
            return;
        }
        install(stream, peer, false);
        streams.outbound = stream;
        stream.closeFuture().addListener(f -> onLoop(() -> outboundClosed(peer, streams, stream)));
        while (!streams.queued.isEmpty()) {
            RPC rpc = streams.queued.poll();
            int size = rpc.getSerializedSize();
            write(streams, rpc, Varint.encodedLength(size) + size);
        }
        streams.failedAttempts = 0;
        markReady(peer, streams, protocolOf(stream));
    }

    /** The protocol multistream-select agreed on the stream; our preferred one if the host did not record it. */
    private String protocolOf(Channel stream) {
        String protocol = stream.attr(MultistreamSelect.PROTOCOL).get();
        return protocol != null ? protocol : protocolIds.getFirst();
    }

    private void outboundClosed(PeerId peer, PeerStreams streams, Channel stream) {
        if (streams.outbound != stream) {
            return;
        }
        streams.outbound = null;
        if (!closed && peers.get(peer) == streams) {
            LOG.debug("pubsub stream to {} closed; reopening", peer);
            retryOrGiveUp(peer, streams);
        }
    }

    private void retryOrGiveUp(PeerId peer, PeerStreams streams) {
        streams.failedAttempts++;
        if (streams.failedAttempts >= MAX_OPEN_ATTEMPTS) {
            LOG.debug("giving up on pubsub with {} after {} failed streams", peer, streams.failedAttempts);
            peers.remove(peer);
            forget(peer, streams);
            return;
        }
        streams.opening = true;
        loop.schedule(() -> {
            if (!closed && peers.get(peer) == streams) {
                openOutbound(peer, streams);
            } else {
                streams.opening = false;
            }
        }, streams.failedAttempts, TimeUnit.SECONDS);
    }

    private void markReady(PeerId peer, PeerStreams streams, String protocolId) {
        if (!streams.ready) {
            streams.ready = true;
            listener.peerReady(peer, protocolId, streams.direction, streams.address);
        }
    }

    private void forget(PeerId peer, PeerStreams streams) {
        if (streams.outbound != null) {
            streams.outbound.close();
        }
        if (streams.inbound != null) {
            streams.inbound.close();
        }
        streams.queued.clear();
        if (streams.ready) {
            listener.peerGone(peer);
        }
    }

    private void write(PeerStreams streams, RPC rpc, int frameSize) {
        streams.outbound.writeAndFlush(rpc).addListener(f -> onLoop(() -> streams.unsentBytes -= frameSize));
    }

    /**
     * Runs {@code task} on the router's loop; returns false, dropping it, when that loop has shut down: events
     * arriving after {@link #close()} no longer matter.
     */
    private boolean onLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("the router's loop has shut down; dropping a late stream event");
            return false;
        }
    }

    private void install(Channel stream, PeerId peer, boolean inbound) {
        stream.pipeline().addLast(new RpcCodec(maxFrameSize),
                new RpcStreamHandler(peer, loop, listener::rpcReceived, inbound));
    }
}
