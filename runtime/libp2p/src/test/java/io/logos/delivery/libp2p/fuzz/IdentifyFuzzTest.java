package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.chunks;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.expectOneOf;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.protocol.identify.IdentifyMessage;
import io.logos.delivery.libp2p.protocol.identify.IdentifyProtocol;
import io.logos.delivery.libp2p.protocol.identify.pb.Identify;
import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Identify messages from a peer into {@link IdentifyProtocol#receive} on an EmbeddedChannel. Input:
 * a mode byte (bit 0: give the body its correct length prefix; bit 1: the peer then half-closes;
 * bit 2: the body is built from fields, with addresses of any size), a chunk size, then the bytes
 * or the fields.
 *
 * <p>Contract: the result is an IdentifyMessage, or fails with an IOException or an
 * IllegalArgumentException, or waits for more bytes; once it is done the stream is closed; a
 * half-close or close ends the wait with a failure; a message received survives being sent and read
 * again; no exception leaves the pipeline.
 */
class IdentifyFuzzTest {

    @FuzzTest
    void readsAMessageOrFailsTheStream(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    /** An identify message built from fields, with addresses of any size ({@link MultiaddrShapes}). */
    private static byte[] structured(FuzzInput in) {
        Identify.Builder message = Identify.newBuilder();
        int fields = in.u8();
        if ((fields & 1) != 0) {
            message.setPublicKey(ByteString.copyFrom((fields & 2) != 0 ? in.chunk()
                    : NoiseFuzzing.REMOTE_SECP256K1.publicKey().marshal()));
        }
        int addresses = in.u8() % 8;
        for (int i = 0; i < addresses; i++) {
            message.addListenAddrs(ByteString.copyFrom(MultiaddrShapes.binary(in)));
        }
        if ((fields & 4) != 0) {
            message.setObservedAddr(ByteString.copyFrom(MultiaddrShapes.binary(in)));
        }
        int protocols = in.u8() % 8;
        for (int i = 0; i < protocols; i++) {
            message.addProtocolsBytes(ByteString.copyFrom(in.chunk()));
        }
        if ((fields & 8) != 0) {
            message.setAgentVersionBytes(ByteString.copyFrom(in.chunk()));
        }
        return message.build().toByteArray();
    }

    private static void check(FuzzInput in) throws Exception {
        int mode = in.u8();
        int chunkSize = in.u8();
        byte[] bytes = (mode & 4) == 4 ? structured(in) : in.rest();
        if ((mode & 1) == 1) {
            bytes = NoiseFuzzing.concat(Varint.encode(bytes.length), bytes);
        }
        FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        EmbeddedChannel stream = new EmbeddedChannel();
        stream.config().setAllocator(allocator);
        CompletableFuture<IdentifyMessage> result = IdentifyProtocol.receive(stream);
        for (byte[] chunk : chunks(bytes, chunkSize)) {
            if (!stream.isOpen()) {
                break;
            }
            stream.writeInbound(allocator.buffer(chunk.length).writeBytes(chunk));
            stream.checkException();
        }
        if (!result.isDone() && (mode & 2) == 2) {
            stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            assertTrue(result.isDone(), "a half-close did not end the wait");
        }
        if (result.isDone()) {
            assertFalse(stream.isOpen(), "the stream stays open after the message");
        } else {
            assertTrue(stream.isOpen());
        }
        stream.finishAndReleaseAll();
        stream.checkException();
        assertTrue(result.isDone(), "closing the stream did not end the wait");
        allocator.assertAllReleased("after the stream closed");

        IdentifyMessage message;
        try {
            message = result.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            expectOneOf(e.getCause(), IOException.class, IllegalArgumentException.class);
            return;
        }
        // what was read can be sent, and reads back the same, unless its encoding grew past what peers read
        EmbeddedChannel out = new EmbeddedChannel();
        try {
            IdentifyProtocol.send(out, message).get();
        } catch (java.util.concurrent.ExecutionException e) {
            expectOneOf(e.getCause(), IOException.class);
            assertTrue(e.getCause().getMessage().contains("is longer than"), e.getCause().getMessage());
            out.finishAndReleaseAll();
            return;
        }
        byte[] sent = drainOutbound(out);
        out.finishAndReleaseAll();
        EmbeddedChannel back = new EmbeddedChannel();
        CompletableFuture<IdentifyMessage> reread = IdentifyProtocol.receive(back);
        back.writeInbound(Unpooled.wrappedBuffer(sent));
        assertEquals(message, reread.getNow(null));
        back.finishAndReleaseAll();
    }
}
