package io.logos.delivery.libp2p.mux.mplex;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An mplex session on one connection. Both sides number their own streams from 0, so a stream is known
 * by its id together with which side opened it; every frame's flag says which.
 */
public final class MplexSession extends MuxerSession {

    private static final Logger LOG = LoggerFactory.getLogger(MplexSession.class);

    private final MplexConfig config;
    private final Map<Long, MplexStream> openedHere = new HashMap<>();
    private final Map<Long, MplexStream> openedByPeer = new HashMap<>();
    private long nextStreamId;
    private boolean goingAway;

    MplexSession(Channel connection, boolean initiator, ChannelHandler inboundStreamHandler, MplexConfig config) {
        super("mplex", connection, initiator, inboundStreamHandler);
        this.config = config;
    }

    @Override
    public Future<Void> goAway() {
        Promise<Void> result = connection().eventLoop().newPromise();
        runOnEventLoop(() -> {
            goingAway = true;
            result.setSuccess(null);
        });
        return result;
    }

    @Override
    protected MuxedStreamChannel newOutboundStream() throws IOException {
        if (goingAway) {
            throw new IOException("mplex session on " + connection() + " is going away: no new streams");
        }
        if (nextStreamId > MplexFrame.MAX_STREAM_ID) {
            throw new IOException("mplex stream ids exhausted on " + connection());
        }
        MplexStream stream = new MplexStream(this, nextStreamId++, true, config);
        openedHere.put(stream.id(), stream);
        // the stream name is for debugging only; like other implementations, use the id
        ByteBuf name = ctx().alloc().buffer().writeBytes(Long.toString(stream.id()).getBytes(StandardCharsets.UTF_8));
        writeFrame(stream.id(), MplexFrame.NEW_STREAM, name);
        flush();
        return stream.channel();
    }

    @Override
    protected List<MuxedStreamChannel> streams() {
        List<MuxedStreamChannel> channels = new ArrayList<>(openedHere.size() + openedByPeer.size());
        openedHere.values().forEach(stream -> channels.add(stream.channel()));
        openedByPeer.values().forEach(stream -> channels.add(stream.channel()));
        return channels;
    }

    @Override
    protected void onFrame(Object msg) throws MuxerProtocolException {
        MplexFrame frame = (MplexFrame) msg;
        if (frame.oversized()) {
            onOversizedFrame(frame);
            return;
        }
        ByteBuf payload = frame.payload();
        if (frame.flag() == MplexFrame.NEW_STREAM) {
            try {
                acceptStream(frame.streamId(), payload);
            } finally {
                payload.release();
            }
            return;
        }
        MplexStream stream = (frame.sentByInitiator() ? openedByPeer : openedHere).get(frame.streamId());
        if (stream == null) {
            // a stream closed or refused here: its late frames are dropped
            payload.release();
            return;
        }
        switch (frame.flag()) {
            case MplexFrame.MESSAGE_RECEIVER, MplexFrame.MESSAGE_INITIATOR -> stream.onData(payload);
            case MplexFrame.CLOSE_RECEIVER, MplexFrame.CLOSE_INITIATOR -> {
                payload.release();
                stream.channel().onRemoteHalfClose();
            }
            default -> {
                payload.release();
                stream.channel().onRemoteReset();
            }
        }
    }

    private void acceptStream(long id, ByteBuf name) throws MuxerProtocolException {
        if (openedByPeer.containsKey(id)) {
            throw new MuxerProtocolException("peer opened mplex stream " + id + ", which is already open");
        }
        if (goingAway || openedByPeer.size() >= config.maxInboundStreams()) {
            LOG.debug("refusing mplex stream {} on {}: {}", id, connection(),
                    goingAway ? "going away" : "inbound stream limit reached");
            writeFrame(id, MplexFrame.RESET_RECEIVER, null);
            return;
        }
        LOG.trace("peer opened mplex stream {} named '{}' on {}", id, name.toString(StandardCharsets.UTF_8), connection());
        MplexStream stream = new MplexStream(this, id, false, config);
        openedByPeer.put(id, stream);
        acceptInboundStream(stream.channel());
    }

    /** A frame above the size limit breaks only its stream, which is reset. */
    private void onOversizedFrame(MplexFrame frame) {
        boolean openedByThePeer = frame.sentByInitiator();
        String problem = "mplex frame of " + frame.length() + " bytes on stream " + frame.streamId()
                + " exceeds the limit of " + config.maxMessageSize() + " bytes";
        LOG.warn("{} on {}; resetting the stream", problem, connection());
        MplexStream stream = (openedByThePeer ? openedByPeer : openedHere).get(frame.streamId());
        if (stream != null) {
            stream.channel().onStreamError(new MuxerProtocolException(problem));
        } else if (frame.flag() < MplexFrame.RESET_RECEIVER) {
            writeFrame(frame.streamId(), openedByThePeer ? MplexFrame.RESET_RECEIVER : MplexFrame.RESET_INITIATOR, null);
        }
    }

    void writeFrame(long streamId, int flag, ByteBuf payload) {
        ctx().write(MplexFrame.encode(ctx().alloc(), streamId, flag, payload), ctx().voidPromise());
    }

    void flush() {
        ctx().flush();
    }

    void streamClosed(MplexStream stream) {
        (stream.isLocallyInitiated() ? openedHere : openedByPeer).remove(stream.id());
    }

    @Override
    protected void releaseFrame(Object msg) {
        ReferenceCountUtil.release(((MplexFrame) msg).payload());
    }
}
