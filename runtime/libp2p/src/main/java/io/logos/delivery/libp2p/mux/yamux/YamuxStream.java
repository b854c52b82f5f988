package io.logos.delivery.libp2p.mux.yamux;

import io.logos.delivery.libp2p.mux.MuxerProtocolException;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.stream.StreamTransport;
import io.netty.buffer.ByteBuf;

/**
 * The yamux state of one stream: both flow-control windows, and the stream's frames. Sends a window
 * update once half the receive window has been consumed, so the peer rarely waits.
 */
final class YamuxStream implements StreamTransport {

    private final YamuxSession session;
    private final long id;
    private final MuxedStreamChannel channel;
    private final int windowSize;
    private final int maxMessageSize;
    private long sendWindow = YamuxConfig.INITIAL_WINDOW;
    private long receiveWindow;
    private long consumedNotAnnounced;
    private boolean acknowledged;

    YamuxStream(YamuxSession session, long id, boolean locallyInitiated, YamuxConfig config) {
        this.session = session;
        this.id = id;
        this.windowSize = config.receiveWindow();
        this.maxMessageSize = config.maxMessageSize();
        this.receiveWindow = config.receiveWindow();
        this.acknowledged = !locallyInitiated;
        this.channel = new MuxedStreamChannel(session.connection(), id, locallyInitiated, this);
    }

    long id() {
        return id;
    }

    MuxedStreamChannel channel() {
        return channel;
    }

    boolean isAcknowledged() {
        return acknowledged;
    }

    /** The peer accepted the stream this side opened; returns whether that is news. */
    boolean acknowledge() {
        boolean first = !acknowledged;
        acknowledged = true;
        return first;
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
        if (delta > 0) {
            channel.onSendWindowOpened();
        }
    }

    /** Passes the payload on to the channel; when it breaks the window, throws and leaves it to the caller. */
    void onData(ByteBuf payload) throws MuxerProtocolException {
        int length = payload.readableBytes();
        if (length > receiveWindow) {
            throw new MuxerProtocolException("yamux data frame of " + length + " bytes on stream " + id
                    + " exceeds its receive window of " + receiveWindow);
        }
        receiveWindow -= length;
        channel.onDataReceived(payload);
    }

    @Override
    public int sendableBytes() {
        return (int) Math.min(sendWindow, maxMessageSize);
    }

    @Override
    public void sendData(ByteBuf data) {
        sendWindow -= data.readableBytes();
        session.writeFrame(YamuxFrame.TYPE_DATA, 0, id, data.readableBytes(), data);
    }

    @Override
    public void sendHalfClose() {
        session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_FIN, id, 0, null);
    }

    @Override
    public void sendReset() {
        session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0, null);
    }

    @Override
    public void flush() {
        session.flush();
    }

    @Override
    public void consumed(int bytes) {
        consumedNotAnnounced += bytes;
        if (consumedNotAnnounced >= windowSize / 2) {
            receiveWindow += consumedNotAnnounced;
            session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, 0, id, consumedNotAnnounced, null);
            session.flush();
            consumedNotAnnounced = 0;
        }
    }

    @Override
    public void closed() {
        session.streamClosed(this);
    }
}
