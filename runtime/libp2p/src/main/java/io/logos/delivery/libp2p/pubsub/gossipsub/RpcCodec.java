package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.util.List;

/**
 * Pubsub RPC framing on a stream: each RPC is an unsigned varint length followed by that many bytes of the
 * RPC protobuf. Frames longer than the limit are refused as soon as their length is read, so nothing of them
 * is buffered; a malformed length or protobuf, or a stream ending inside a frame, fails too. Failures reach
 * {@code exceptionCaught} as a {@link io.netty.handler.codec.DecoderException}, after the rest of the input
 * was discarded.
 */
final class RpcCodec extends ByteToMessageCodec<RPC> {

    private final int maxFrameSize;

    /** @param maxFrameSize the largest RPC, length prefix excluded, accepted and sent */
    RpcCodec(int maxFrameSize) {
        super(RPC.class);
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RPC rpc, ByteBuf out) throws IOException {
        int size = rpc.getSerializedSize();
        if (size > maxFrameSize) {
            throw new TooLongFrameException("RPC of " + size + " bytes exceeds the frame limit of " + maxFrameSize);
        }
        out.ensureWritable(Varint.encodedLength(size) + size);
        Varint.write(out, size);
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            rpc.writeTo(stream);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        long length;
        try {
            length = Varint.read(in, Varint.MAX_BYTES);
        } catch (CorruptedFrameException e) {
            throw discardingInput(in, e);
        }
        if (length == Varint.INCOMPLETE) {
            return;
        }
        if (length > maxFrameSize) {
            throw discardingInput(in, new TooLongFrameException(
                    "RPC frame of " + length + " bytes exceeds the limit of " + maxFrameSize));
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        ByteBuf frame = in.readSlice((int) length);
        try {
            out.add(RPC.parseFrom(frame.nioBuffer()));
        } catch (InvalidProtocolBufferException e) {
            throw discardingInput(in, new CorruptedFrameException("malformed RPC protobuf: " + e.getMessage(), e));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable()) {
            throw discardingInput(in, new CorruptedFrameException(
                    "stream ended inside an RPC frame, " + in.readableBytes() + " bytes short of its end"));
        }
    }

    /** Drops the unread input so the decoder is not called on it again, and returns {@code error}. */
    private static RuntimeException discardingInput(ByteBuf in, RuntimeException error) {
        in.skipBytes(in.readableBytes());
        return error;
    }
}
