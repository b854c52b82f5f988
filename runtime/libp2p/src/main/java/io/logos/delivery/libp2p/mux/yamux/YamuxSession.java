package io.logos.delivery.libp2p.mux.yamux;

import io.logos.delivery.libp2p.mux.MuxerProtocolException;
import io.logos.delivery.libp2p.mux.MuxerSession;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A yamux session on one connection: the dialer's streams have odd ids, the listener's even ones. Every
 * stream starts with a 256 KiB window each way; ping and go-away act on the whole session.
 */
public final class YamuxSession extends MuxerSession {

    private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);

    /** Streams this side may have opened without the peer's ACK (the spec's ACK backlog). */
    static final int MAX_ACK_BACKLOG = 256;
    private static final long MAX_STREAM_ID = 0xFFFF_FFFFL;

    private final YamuxConfig config;
    private final Map<Long, YamuxStream> streams = new HashMap<>();
    private final Map<Long, PendingPing> pings = new HashMap<>();
    private long nextStreamId;
    private long nextPingValue;
    private int unacknowledgedStreams;
    private int inboundStreams;
    private boolean localGoAway;
    private boolean remoteGoAway;

    YamuxSession(Channel connection, boolean initiator, ChannelHandler inboundStreamHandler, YamuxConfig config) {
        super("yamux", connection, initiator, inboundStreamHandler);
        this.config = config;
        this.nextStreamId = initiator ? 1 : 2;
    }

    /** Sends a ping and completes with the round-trip time when the peer answers. */
    public Future<Duration> ping() {
        Promise<Duration> result = connection().eventLoop().newPromise();
        runOnEventLoop(() -> {
            if (ctx() == null || !connection().isActive()) {
                result.setFailure(new ClosedChannelException());
                return;
            }
            long value = nextPingValue++ & MAX_STREAM_ID;
            pings.put(value, new PendingPing(result, System.nanoTime()));
            writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, value, null);
            flush();
        });
        return result;
    }

    @Override
    public Future<Void> goAway() {
        Promise<Void> result = connection().eventLoop().newPromise();
        runOnEventLoop(() -> {
            if (!localGoAway && ctx() != null && connection().isActive()) {
                localGoAway = true;
                writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL, null);
                flush();
            }
            result.setSuccess(null);
        });
        return result;
    }

    @Override
    protected MuxedStreamChannel newOutboundStream() throws IOException {
        if (localGoAway) {
            throw new IOException("this side sent yamux go-away: no new streams on " + connection());
        }
        if (remoteGoAway) {
            throw new IOException("the peer sent yamux go-away: no new streams on " + connection());
        }
        if (unacknowledgedStreams >= MAX_ACK_BACKLOG) {
            throw new IOException(MAX_ACK_BACKLOG + " streams on " + connection() + " still wait for the peer's ACK");
        }
        if (nextStreamId > MAX_STREAM_ID) {
            throw new IOException("yamux stream ids exhausted on " + connection());
        }
        YamuxStream stream = new YamuxStream(this, nextStreamId, true, config);
        nextStreamId += 2;
        streams.put(stream.id(), stream);
        unacknowledgedStreams++;
        writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, stream.id(), extraWindow(), null);
        flush();
        return stream.channel();
    }

    @Override
    protected List<MuxedStreamChannel> streams() {
        List<MuxedStreamChannel> channels = new ArrayList<>(streams.size());
        streams.values().forEach(stream -> channels.add(stream.channel()));
        return channels;
    }

    @Override
    protected void onFrame(Object msg) throws MuxerProtocolException {
        YamuxFrame frame = (YamuxFrame) msg;
        switch (frame.type()) {
            case YamuxFrame.TYPE_DATA, YamuxFrame.TYPE_WINDOW_UPDATE -> {
                try {
                    onStreamFrame(frame);
                } catch (MuxerProtocolException e) {
                    ReferenceCountUtil.release(frame.payload());
                    throw e;
                }
            }
            case YamuxFrame.TYPE_PING -> onPing(frame);
            default -> onGoAway(frame);
        }
    }

    @Override
    protected void releaseFrame(Object msg) {
        ReferenceCountUtil.release(((YamuxFrame) msg).payload());
    }

    @Override
    protected void writeProtocolErrorNotice() {
        localGoAway = true;
        writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_PROTOCOL_ERROR, null);
    }

    @Override
    protected void onConnectionClosed() {
        pings.values().forEach(ping -> ping.result().tryFailure(new ClosedChannelException()));
        pings.clear();
    }

    /** Handles a data or window update frame; the payload is released here or passed to the stream. */
    private void onStreamFrame(YamuxFrame frame) throws MuxerProtocolException {
        long id = frame.streamId();
        if (id == 0) {
            throw new MuxerProtocolException("yamux " + YamuxFrame.typeName(frame.type()) + " frame on stream id 0");
        }
        YamuxStream stream = streams.get(id);
        if (frame.has(YamuxFrame.FLAG_SYN)) {
            if (stream != null) {
                throw new MuxerProtocolException("peer opened yamux stream " + id + ", which is already open");
            }
            if (isOwnId(id)) {
                throw new MuxerProtocolException("peer opened yamux stream " + id + ", an id of this side's parity");
            }
            stream = acceptStream(id);
        }
        ByteBuf payload = frame.payload();
        if (stream == null) {
            // a stream closed or refused here: its late frames are dropped
            ReferenceCountUtil.release(payload);
            return;
        }
        if (frame.has(YamuxFrame.FLAG_ACK) && stream.channel().isLocallyInitiated() && stream.acknowledge()) {
            unacknowledgedStreams--;
        }
        if (frame.type() == YamuxFrame.TYPE_WINDOW_UPDATE) {
            stream.onWindowUpdate(frame.length());
        } else if (payload.isReadable()) {
            stream.onData(payload);
        } else {
            payload.release();
        }
        if (frame.has(YamuxFrame.FLAG_FIN)) {
            stream.channel().onRemoteHalfClose();
        }
        if (frame.has(YamuxFrame.FLAG_RST)) {
            stream.channel().onRemoteReset();
        }
    }

    /** Accepts the peer's new stream, or resets it when going away or at the inbound limit. */
    private YamuxStream acceptStream(long id) {
        if (localGoAway || inboundStreams >= config.maxInboundStreams()) {
            LOG.debug("refusing yamux stream {} on {}: {}", id, connection(),
                    localGoAway ? "going away" : "inbound stream limit reached");
            writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0, null);
            return null;
        }
        YamuxStream stream = new YamuxStream(this, id, false, config);
        streams.put(id, stream);
        inboundStreams++;
        writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_ACK, id, extraWindow(), null);
        acceptInboundStream(stream.channel());
        return streams.get(id);
    }

    private void onPing(YamuxFrame frame) {
        if (frame.has(YamuxFrame.FLAG_SYN)) {
            writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_ACK, 0, frame.length(), null);
        } else if (frame.has(YamuxFrame.FLAG_ACK)) {
            PendingPing ping = pings.remove(frame.length());
            if (ping != null) {
                ping.result().trySuccess(Duration.ofNanos(System.nanoTime() - ping.sentAtNanos()));
            }
        }
    }

    private void onGoAway(YamuxFrame frame) {
        remoteGoAway = true;
        long code = frame.length();
        if (code == YamuxFrame.GO_AWAY_NORMAL) {
            LOG.debug("peer of {} sent yamux go-away", connection());
            return;
        }
        String reason = code == YamuxFrame.GO_AWAY_PROTOCOL_ERROR ? "protocol error"
                : code == YamuxFrame.GO_AWAY_INTERNAL_ERROR ? "internal error" : "error code " + code;
        LOG.warn("peer of yamux connection {} went away with {}; closing", connection(), reason);
        connection().close();
    }

    /** How far beyond the spec's initial window this side's streams receive, announced on SYN and ACK. */
    private long extraWindow() {
        return config.receiveWindow() - YamuxConfig.INITIAL_WINDOW;
    }

    private boolean isOwnId(long id) {
        return (id % 2 == 1) == isInitiator();
    }

    void writeFrame(int type, int flags, long streamId, long length, ByteBuf payload) {
        ctx().write(YamuxFrame.encode(ctx().alloc(), type, flags, streamId, length, payload), ctx().voidPromise());
    }

    void flush() {
        ctx().flush();
    }

    void streamClosed(YamuxStream stream) {
        if (streams.remove(stream.id()) == null) {
            return;
        }
        if (!stream.channel().isLocallyInitiated()) {
            inboundStreams--;
        } else if (!stream.isAcknowledged()) {
            unacknowledgedStreams--;
        }
    }

    private record PendingPing(Promise<Duration> result, long sentAtNanos) {
    }
}
