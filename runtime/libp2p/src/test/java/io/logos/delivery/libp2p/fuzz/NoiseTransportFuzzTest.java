package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.frame;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.unframe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Noise transport frames after a completed handshake between the real responder (on an
 * EmbeddedChannel) and a peer the input drives ({@link NoiseXxPeer}). The input is a list of
 * operations: valid frames, raw bytes, tampered frames, frames split across reads, writes from
 * this side (large ones are split into several frames).
 *
 * <p>Contract: valid frames arrive as their plaintext, in order, and nothing else arrives; a
 * complete frame that fails authentication closes the channel and nothing of it is passed on; no
 * exception leaves the pipeline; this side's writes decrypt at the peer to what was written; every
 * buffer is released.
 */
class NoiseTransportFuzzTest {

    private static final NoiseSecurity LOCAL = new NoiseSecurity(NoiseFuzzing.LOCAL_KEY);

    @FuzzTest
    void passesOnExactlyTheAuthenticFrames(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) throws GeneralSecurityException {
        FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        NoiseFuzzing.Plaintext next = new NoiseFuzzing.Plaintext();
        Future<SecureSession> result = LOCAL.secureInbound(channel);
        result.addListener(f -> channel.pipeline().addLast(next));

        // a proper handshake with fixed keys, the peer claiming an Ed25519 identity
        NoiseXxPeer peer = new NoiseXxPeer(true, new byte[32], filled(32, 7));
        channel.writeInbound(channel.alloc().buffer().writeBytes(frame(peer.writeMessage(new byte[0], null, null))));
        peer.readMessage(unframe(drainOutbound(channel)).getFirst());
        byte[] payload = NoiseFuzzing.payload(new FuzzInput(new byte[0]), peer.staticPublicKey());
        channel.writeInbound(channel.alloc().buffer().writeBytes(frame(peer.writeMessage(payload, null, null))));
        assertTrue(result.isSuccess(), "the handshake failed: " + result.cause());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        boolean inSync = true; // every byte so far was a whole valid frame
        boolean mustBeClosed = false;
        int writeBudget = 1024 * 1024;
        while (in.hasMore() && channel.isOpen()) {
            switch (in.u8() % 6) {
                case 0 -> {
                    byte[] plaintext = in.chunk();
                    inject(channel, frame(peer.encrypt(plaintext)));
                    if (inSync) {
                        expected.writeBytes(plaintext);
                    }
                }
                case 1 -> {
                    byte[] raw = in.chunk();
                    inject(channel, raw);
                    inSync &= raw.length == 0;
                }
                case 2 -> {
                    byte[] plaintext = in.chunk();
                    byte[] ciphertext = peer.encrypt(plaintext);
                    byte[] tampered = NoiseFuzzing.tamper(in, ciphertext);
                    inject(channel, frame(tampered));
                    if (!Arrays.equals(ciphertext, tampered)) {
                        mustBeClosed |= inSync;
                        inSync = false;
                    } else if (inSync) {
                        expected.writeBytes(plaintext);
                    }
                }
                case 3 -> {
                    // this side writes; large writes become several frames
                    int length = Math.min(in.bool() ? in.u16() : in.u8() * 1024, writeBudget);
                    writeBudget -= length; // at most 1 MiB per input, within the allocation bound
                    byte[] plaintext = filled(length, in.u8());
                    ChannelFuture written = channel.writeAndFlush(channel.alloc().buffer(length).writeBytes(plaintext));
                    assertTrue(written.isSuccess(), "a write failed: " + written.cause());
                    ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
                    for (byte[] frame : unframe(drainOutbound(channel))) {
                        assertTrue(frame.length <= 65535, "a frame beyond the Noise limit");
                        decrypted.writeBytes(peer.decrypt(frame));
                    }
                    assertArrayEquals(plaintext, decrypted.toByteArray(), "the peer reads something else");
                }
                case 4 -> {
                    byte[] plaintext = in.chunk();
                    byte[] frame = frame(peer.encrypt(plaintext));
                    int cut = in.u16() % (frame.length + 1);
                    inject(channel, Arrays.copyOf(frame, cut));
                    inject(channel, Arrays.copyOfRange(frame, cut, frame.length));
                    if (inSync) {
                        expected.writeBytes(plaintext);
                    }
                }
                default -> {
                    int count = in.u8() % 8;
                    for (int i = 0; i < count; i++) {
                        inject(channel, frame(peer.encrypt(new byte[0])));
                    }
                }
            }
        }
        byte[] received = next.received.toByteArray();
        byte[] sent = expected.toByteArray();
        if (inSync || mustBeClosed) {
            assertArrayEquals(sent, received, "the plaintext passed on differs from the frames sent");
        } else {
            assertArrayEquals(Arrays.copyOf(sent, received.length), received, "bytes that no valid frame carried were passed on");
        }
        if (mustBeClosed) {
            assertFalse(channel.isOpen(), "a frame that failed authentication left the channel open");
        }
        assertTrue(next.exception == null, "an exception reached the next layer: " + next.exception);

        channel.finishAndReleaseAll();
        channel.checkException();
        allocator.assertAllReleased("after the channel closed");
    }

    private static void inject(EmbeddedChannel channel, byte[] bytes) {
        if (channel.isOpen()) {
            // from the channel's tracking allocator, so that the final check covers it
            channel.writeInbound(channel.alloc().buffer(bytes.length).writeBytes(bytes));
            channel.checkException();
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
