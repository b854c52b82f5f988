package io.logos.delivery.libp2p.mux.mplex;

import io.logos.delivery.libp2p.mux.MuxerProtocolException;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the connection's bytes into {@link MplexFrame}s. A frame above the size limit is passed on
 * without payload and its bytes are skipped as they arrive, so only its stream suffers; a malformed
 * varint or an unknown flag is a protocol error for the whole connection.
 */
final class MplexFrameDecoder extends ByteToMessageDecoder {

    private final int maxMessageSize;
    private long bytesToSkip;
    private boolean failed;

    MplexFrameDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws MuxerProtocolException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (bytesToSkip > 0) {
            int skipped = (int) Math.min(bytesToSkip, in.readableBytes());
            in.skipBytes(skipped);
            bytesToSkip -= skipped;
            return;
        }
        int start = in.readerIndex();
        long header;
        long length;
        try {
            header = Varint.read(in, Varint.MAX_BYTES);
            length = header == Varint.INCOMPLETE
                    ? Varint.INCOMPLETE : Varint.read(in, Varint.MAX_BYTES);
        } catch (CorruptedFrameException e) {
            throw fail(in, "malformed mplex frame header: " + e.getMessage());
        }
        if (length == Varint.INCOMPLETE) {
            in.readerIndex(start);
            return;
        }
        int flag = (int) (header & 0x07);
        long streamId = header >>> 3;
        if (flag > MplexFrame.RESET_INITIATOR) {
            throw fail(in, "unknown mplex flag " + flag + " on stream " + streamId);
        }
        if (length > maxMessageSize) {
            bytesToSkip = length;
            out.add(MplexFrame.oversized(streamId, flag, length));
            return;
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        out.add(new MplexFrame(streamId, flag, in.readRetainedSlice((int) length), length, false));
    }

    private MuxerProtocolException fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new MuxerProtocolException(message);
    }
}
