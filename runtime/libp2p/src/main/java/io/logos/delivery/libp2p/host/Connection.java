package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.mux.MuxedConnection;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An authenticated, multiplexed connection to one peer. */
public final class Connection {

    static final AttributeKey<Connection> ATTRIBUTE = AttributeKey.valueOf(Connection.class, "connection");

    private final SecureSession session;
    private final MuxedConnection muxed;
    private final Direction direction;
    private final Multiaddr remoteAddress;
    private final String muxer;

    Connection(SecureSession session, MuxedConnection muxed, Direction direction, Multiaddr remoteAddress,
               String muxer) {
        this.session = session;
        this.muxed = muxed;
        this.direction = direction;
        this.remoteAddress = remoteAddress;
        this.muxer = muxer;
        muxed.connection().attr(ATTRIBUTE).set(this);
    }

    /** The connection a stream belongs to. */
    static Connection of(Channel stream) {
        return stream.parent().attr(ATTRIBUTE).get();
    }

    public PeerId remotePeer() {
        return session.remotePeer();
    }

    public SecureSession session() {
        return session;
    }

    public Direction direction() {
        return direction;
    }

    /** The remote end's transport address, without {@code /p2p}. */
    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    /** The muxer's protocol id, e.g. {@code /yamux/1.0.0}. */
    public String muxer() {
        return muxer;
    }

    public boolean isOpen() {
        return muxed.connection().isActive();
    }

    /** Completes when the connection is closed, by either side. */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        muxed.connection().closeFuture().addListener(ignored -> closed.complete(null));
        return closed;
    }

    /**
     * Opens a stream and agrees on the first of {@code protocols} the peer supports.
     * Fails with a {@code ProtocolNegotiationException} when it supports none.
     */
    public CompletableFuture<MuxedStreamChannel> newStream(List<String> protocols) {
        return newStream(protocols, Function.identity());
    }

    /**
     * Opens a stream, agrees on a protocol and hands it to {@code onAgreed} on the stream's event loop
     * before any byte after the negotiation is read: bytes the peer sends right behind its answer reach the
     * handlers {@code onAgreed} installs instead of being lost.
     */
    public <T> CompletableFuture<T> newStream(List<String> protocols, Function<MuxedStreamChannel, T> onAgreed) {
        CompletableFuture<T> result = new CompletableFuture<>();
        muxed.openStream().addListener(opened -> {
            if (!opened.isSuccess()) {
                result.completeExceptionally(opened.cause());
                return;
            }
            MuxedStreamChannel stream = (MuxedStreamChannel) opened.getNow();
            stream.eventLoop().execute(() -> MultistreamSelect.initiate(stream, protocols).addListener(agreed -> {
                if (!agreed.isSuccess()) {
                    result.completeExceptionally(agreed.cause());
                    return;
                }
                try {
                    result.complete(onAgreed.apply(stream));
                } catch (RuntimeException e) {
                    stream.close();
                    result.completeExceptionally(e);
                }
            }));
        });
        return result;
    }

    /** Closes the connection: no new streams, then the transport; every stream ends. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        muxed.close().addListener(ignored -> closed.complete(null));
        return closed;
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase() + " connection with " + remotePeer() + " at " + remoteAddress
                + " over " + muxer;
    }
}
