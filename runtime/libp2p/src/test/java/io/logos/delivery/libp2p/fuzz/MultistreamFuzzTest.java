package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.chunks;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.expectOneOf;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.multistream.ProtocolNegotiationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * multistream-select lines from a peer, into a responder, an initiator and a lister on an
 * EmbeddedChannel. Input: a mode byte (which side; top bit: the peer half-closes after its bytes), a
 * chunk size (how the bytes are cut into reads), then the bytes.
 *
 * <p>Contract: no exception leaves the pipeline; the future either waits (channel open), or succeeds
 * with a protocol this side offered (bytes after it are passed on), or fails with a
 * ProtocolNegotiationException and the channel is closed; everything this side writes is
 * well-formed; every buffer is released.
 */
class MultistreamFuzzTest {

    static final Set<String> SUPPORTED = Set.of("/noise", "/yamux/1.0.0", "/mplex/6.7.0");
    static final List<String> PROPOSED = List.of("/yamux/1.0.0", "/mplex/6.7.0");

    @FuzzTest
    void negotiatesOrFailsTheChannel(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) {
        int modeByte = in.u8();
        int mode = (modeByte & 0x7F) % 3;
        boolean halfClose = (modeByte & 0x80) != 0; // the peer half-closes after its bytes
        int chunkSize = in.u8();
        byte[] bytes = in.rest();

        FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        Sink after = new Sink();
        Future<?> result = switch (mode) {
            case 0 -> MultistreamSelect.respond(channel, SUPPORTED);
            case 1 -> MultistreamSelect.initiate(channel, PROPOSED);
            default -> MultistreamSelect.listProtocols(channel);
        };
        // the next layer, installed by a listener as the protocol handlers are in real use
        result.addListener(f -> {
            if (f.isSuccess()) {
                channel.pipeline().addLast(after);
            }
        });

        for (byte[] chunk : chunks(bytes, chunkSize)) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(channel.alloc().buffer(chunk.length).writeBytes(chunk));
            channel.checkException(); // nothing may reach the end of the pipeline
            assertWellFormed(drainOutbound(channel));
        }

        if (halfClose && !result.isDone() && channel.isOpen()) {
            channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            channel.checkException();
            assertTrue(result.isDone(), "a half-close during the negotiation left it pending");
        }
        if (result.isDone() && !result.isSuccess()) {
            expectOneOf(result.cause(), ProtocolNegotiationException.class);
            assertFalse(channel.isOpen(), "a failed negotiation must close the channel");
        } else if (result.isSuccess()) {
            Object value = result.getNow();
            if (mode == 0) {
                assertTrue(SUPPORTED.contains(value), "accepted an unsupported protocol " + value);
            } else if (mode == 1) {
                assertTrue(PROPOSED.contains(value), "settled on an unproposed protocol " + value);
            }
            if (mode != 2) {
                assertEquals(value, channel.attr(MultistreamSelect.PROTOCOL).get());
            }
            assertNull(channel.pipeline().get("multistream-select"), "the negotiation handler stays after success");
        } else {
            assertTrue(channel.isOpen(), "the channel closed but the negotiation still waits");
        }

        channel.finishAndReleaseAll();
        channel.checkException();
        if (!result.isDone()) {
            throw new AssertionError("closing the channel left the negotiation pending");
        }
        if (!result.isSuccess()) {
            expectOneOf(result.cause(), ProtocolNegotiationException.class);
        }
        after.releaseAll();
        allocator.assertAllReleased("after the channel closed");
    }

    /** Everything this side writes is a sequence of length-prefixed, newline-terminated messages. */
    private static void assertWellFormed(byte[] written) {
        ByteBuffer out = ByteBuffer.wrap(written);
        while (out.hasRemaining()) {
            long length = Varint.read(out);
            assertTrue(length > 0 && length <= out.remaining(), "a message length beyond what was written");
            byte[] message = new byte[(int) length];
            out.get(message);
            assertEquals('\n', message[message.length - 1], "a message without its newline");
            new String(message, StandardCharsets.UTF_8);
        }
    }

    /** Takes what follows the negotiation and keeps count of it. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        private final java.util.List<Object> received = new java.util.ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                throw new AssertionError("a " + msg.getClass().getName() + " was passed on, not bytes");
            }
            received.add(msg);
        }

        void releaseAll() {
            received.forEach(ReferenceCountUtil::release);
            received.clear();
        }
    }
}
