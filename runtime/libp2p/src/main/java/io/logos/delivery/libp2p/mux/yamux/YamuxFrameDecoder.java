package io.logos.delivery.libp2p.mux.yamux;

import io.logos.delivery.libp2p.mux.MuxerProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the connection's bytes into {@link YamuxFrame}s. An unknown version or type, or a data frame
 * longer than any stream window may be, is a protocol error: the decoder throws once and ignores the
 * rest of the connection's input, which the session then closes.
 */
final class YamuxFrameDecoder extends ByteToMessageDecoder {

    private final long maxDataLength;
    private boolean failed;

    /** @param maxDataLength the largest receive window of a stream, so the largest valid data frame */
    YamuxFrameDecoder(long maxDataLength) {
        this.maxDataLength = maxDataLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws MuxerProtocolException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < YamuxFrame.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int version = in.getUnsignedByte(start);
        int type = in.getUnsignedByte(start + 1);
        int flags = in.getUnsignedShort(start + 2);
        long streamId = in.getUnsignedInt(start + 4);
        long length = in.getUnsignedInt(start + 8);
        if (version != YamuxFrame.VERSION) {
            throw fail(in, "unsupported yamux version " + version);
        }
        if (type > YamuxFrame.TYPE_GO_AWAY) {
            throw fail(in, "unknown yamux frame type " + type);
        }
        ByteBuf payload = null;
        if (type == YamuxFrame.TYPE_DATA) {
            if (length > maxDataLength) {
                throw fail(in, "yamux data frame of " + length + " bytes on stream " + streamId
                        + " exceeds the largest receive window of " + maxDataLength);
            }
            if (in.readableBytes() < YamuxFrame.HEADER_LENGTH + length) {
                return;
            }
            in.skipBytes(YamuxFrame.HEADER_LENGTH);
            payload = in.readRetainedSlice((int) length);
        } else {
            in.skipBytes(YamuxFrame.HEADER_LENGTH);
        }
        out.add(new YamuxFrame(type, flags, streamId, length, payload));
    }

    private MuxerProtocolException fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new MuxerProtocolException(message);
    }
}
