package io.logos.delivery.libp2p.pubsub.gossipsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Varint-length-prefixed RPC frames: round trips, fragmentation, and every way a frame can be broken. */
class RpcCodecTest {

    private static final int LIMIT = 4096;

    /** Records what reaches the end of the pipeline: RPCs and the first failure. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<RPC> rpcs = new ArrayList<>();
        Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            rpcs.add((RPC) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }
    }

    private final Recorder recorder = new Recorder();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RpcCodec(LIMIT), recorder);

    private static ByteBuf frame(RPC rpc) {
        ByteBuf out = Unpooled.buffer();
        Varint.write(out, rpc.getSerializedSize());
        out.writeBytes(rpc.toByteArray());
        return out;
    }

    private static RPC sample() {
        return RPC.newBuilder().mergeFrom(Rpcs.subscribe("a", "b")).mergeFrom(Rpcs.graft("a"))
                .addPublish(Rpcs.message("a", "payload")).build();
    }

    @Test
    void anRpcWrittenIsReadBackUnchanged() {
        EmbeddedChannel writer = new EmbeddedChannel(new RpcCodec(LIMIT));
        writer.writeOutbound(sample());
        ByteBuf encoded = writer.readOutbound();

        channel.writeInbound(encoded);

        assertEquals(List.of(sample()), recorder.rpcs);
    }

    @Test
    void framesSplitAcrossReadsAndSeveralFramesInOneReadAreAllDecoded() {
        ByteBuf bytes = Unpooled.wrappedBuffer(frame(sample()), frame(Rpcs.graft("b")), frame(RPC.getDefaultInstance()));
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(3, bytes.readableBytes())));
        }
        bytes.release();

        assertEquals(List.of(sample(), Rpcs.graft("b"), RPC.getDefaultInstance()), recorder.rpcs);
        assertNull(recorder.failure);
    }

    @Test
    void anOversizedFrameClosesTheStreamAsSoonAsItsLengthIsRead() {
        ByteBuf header = Unpooled.buffer();
        Varint.write(header, LIMIT + 1);

        channel.writeInbound(header);

        assertTrue(recorder.failure instanceof TooLongFrameException, String.valueOf(recorder.failure));
        assertFalse(channel.isOpen());
    }

    @Test
    void aMalformedProtobufClosesTheStream() {
        ByteBuf bytes = Unpooled.buffer();
        Varint.write(bytes, 2);
        bytes.writeBytes(new byte[] {(byte) 0x0a, (byte) 0x05}); // field 1, length 5, but the frame ends

        channel.writeInbound(bytes);

        assertTrue(recorder.failure instanceof CorruptedFrameException, String.valueOf(recorder.failure));
        assertFalse(channel.isOpen());
    }

    @Test
    void aLengthThatIsNotMinimallyEncodedClosesTheStream() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x00}));

        assertTrue(recorder.failure instanceof CorruptedFrameException, String.valueOf(recorder.failure));
    }

    @Test
    void aStreamEndingInsideAFrameIsReported() {
        ByteBuf truncated = frame(sample());
        truncated.writerIndex(truncated.writerIndex() - 3);
        channel.writeInbound(truncated);
        assertTrue(recorder.rpcs.isEmpty());

        channel.finish();

        assertTrue(recorder.failure instanceof CorruptedFrameException, String.valueOf(recorder.failure));
    }

    @Test
    void anRpcLargerThanTheLimitIsNotWritten() {
        RPC large = Rpcs.publish(Rpcs.message("a", new byte[LIMIT]));

        assertThrows(EncoderException.class, () -> channel.writeOutbound(large));
    }
}
