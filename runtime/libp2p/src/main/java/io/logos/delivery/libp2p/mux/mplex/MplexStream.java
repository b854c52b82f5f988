package io.logos.delivery.libp2p.mux.mplex;

import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.stream.StreamResetException;
import io.logos.delivery.libp2p.stream.StreamTransport;
import io.netty.buffer.ByteBuf;

/**
 * The mplex side of one stream: frames carry the initiator or receiver variant of each flag, depending on
 * which side opened the stream. Without flow control, reads are bounded by resetting a stream whose
 * unread bytes exceed the limit.
 */
final class MplexStream implements StreamTransport {

    /** Data frames this side sends stay small so streams interleave on the connection. */
    private static final int SEND_FRAME_SIZE = 64 * 1024;

    private final MplexSession session;
    private final long id;
    private final boolean locallyInitiated;
    private final MuxedStreamChannel channel;
    private final long maxBufferedBytes;
    private final int sendFrameSize;

    MplexStream(MplexSession session, long id, boolean locallyInitiated, MplexConfig config) {
        this.session = session;
        this.id = id;
        this.locallyInitiated = locallyInitiated;
        this.maxBufferedBytes = config.maxBufferedBytes();
        this.sendFrameSize = Math.min(SEND_FRAME_SIZE, config.maxMessageSize());
        this.channel = new MuxedStreamChannel(session.connection(), id, locallyInitiated, this);
    }

    long id() {
        return id;
    }

    boolean isLocallyInitiated() {
        return locallyInitiated;
    }

    MuxedStreamChannel channel() {
        return channel;
    }

    void onData(ByteBuf payload) {
        channel.onDataReceived(payload);
        if (channel.bufferedInboundBytes() > maxBufferedBytes) {
            channel.onStreamError(new StreamResetException("mplex stream " + id + " reset: its reader is "
                    + channel.bufferedInboundBytes() + " bytes behind, more than the limit of " + maxBufferedBytes));
        }
    }

    /** The flag for {@code receiverFlag}'s message kind as this side sends it. */
    private int flag(int receiverFlag) {
        return locallyInitiated ? receiverFlag + 1 : receiverFlag;
    }

    @Override
    public int sendableBytes() {
        return sendFrameSize;
    }

    @Override
    public void sendData(ByteBuf data) {
        session.writeFrame(id, flag(MplexFrame.MESSAGE_RECEIVER), data);
    }

    @Override
    public void sendHalfClose() {
        session.writeFrame(id, flag(MplexFrame.CLOSE_RECEIVER), null);
    }

    @Override
    public void sendReset() {
        session.writeFrame(id, flag(MplexFrame.RESET_RECEIVER), null);
    }

    @Override
    public void flush() {
        session.flush();
    }

    @Override
    public void consumed(int bytes) {
        // mplex has no windows to reopen
    }

    @Override
    public void closed() {
        session.streamClosed(this);
    }
}
