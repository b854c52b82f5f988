package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.chunks;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.expectOneOf;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.authenticates;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.concat;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.frame;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.u;
import static io.logos.delivery.libp2p.fuzz.NoiseFuzzing.unframe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseException;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.logos.delivery.libp2p.security.noise.PeerIdMismatchException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Noise handshake messages from a peer, into a real responder and a real initiator on EmbeddedChannels.
 * Two kinds of input (first byte):
 * <ul>
 *   <li>raw bytes, framing included, as message 1 to a responder or as message 2 to an initiator;</li>
 *   <li>a peer that runs the handshake properly ({@link NoiseXxPeer}) but sends what the input says:
 *       any ephemeral or static public key, any payload (structured or raw protobuf bytes), a tampered
 *       last message, early transport data behind message 3, a dialed peer id that does not match.</li>
 * </ul>
 * Contract: no exception leaves the pipeline; the handshake succeeds exactly when a correct Noise
 * implementation must accept (same DH results, a payload whose key signed the static key sent, the
 * dialed peer) and then passes the early data on; otherwise it fails with a NoiseException
 * (PeerIdMismatchException for a wrong peer) and closes the channel, or waits for bytes until its
 * timeout does that; nothing is written before the handshake ends; every buffer is released.
 */
class NoiseHandshakeFuzzTest {

    private static final NoiseSecurity LOCAL = new NoiseSecurity(NoiseFuzzing.LOCAL_KEY);
    private static final PeerId LOCAL_PEER = PeerId.fromPublicKey(NoiseFuzzing.LOCAL_KEY.publicKey());

    @FuzzTest
    void authenticatesExactlyTheValidHandshakes(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) throws Exception {
        int mode = in.u8() % 4;
        FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        NoiseFuzzing.Plaintext next = new NoiseFuzzing.Plaintext();

        boolean initiator = mode == 1 || mode == 2;
        PeerId expectedRemote = null;
        if (mode == 2) {
            // the dialed peer: unknown, or one of the identities the fuzzed peer may claim
            expectedRemote = switch (in.u8() % 3) {
                case 0 -> null;
                case 1 -> PeerId.fromPublicKey(NoiseFuzzing.REMOTE_ED25519.publicKey());
                default -> PeerId.fromPublicKey(NoiseFuzzing.REMOTE_SECP256K1.publicKey());
            };
        }
        Future<SecureSession> result = initiator ? LOCAL.secureOutbound(channel, expectedRemote) : LOCAL.secureInbound(channel);
        result.addListener(f -> {
            if (f.isSuccess()) {
                channel.pipeline().addLast(next);
            }
        });
        byte[] firstMessage = drainOutbound(channel);
        assertEquals(initiator, firstMessage.length > 0, "only the initiator speaks first");

        // nothing may be written before the handshake is over
        ByteBuf early = allocator.buffer().writeByte(1);
        ChannelFuture refused = channel.writeAndFlush(early);
        assertTrue(refused.isDone() && !refused.isSuccess(), "a write went through before the handshake");
        assertEquals(0, early.refCnt(), "the refused write was not released");

        Expectation expected = switch (mode) {
            case 0, 1 -> raw(in, channel);
            case 2 -> fakeResponder(in, channel, firstMessage, expectedRemote);
            default -> fakeInitiator(in, channel);
        };
        channel.checkException();
        drainOutbound(channel);

        if (expected.success()) {
            assertTrue(result.isSuccess(), "a valid handshake failed: " + result.cause());
            assertEquals(expected.remote(), result.getNow().remotePeer());
            assertEquals(LOCAL_PEER, result.getNow().localPeer());
            assertTrue(channel.isOpen());
            assertArrayEquals(expected.earlyData(), next.received.toByteArray(), "early data lost or changed");
        } else if (expected.mustFail()) {
            assertTrue(result.isDone(), "an invalid handshake neither failed nor waits for more bytes");
        }
        if (result.isDone() && !result.isSuccess()) {
            expectOneOf(result.cause(), NoiseException.class);
            if (expected.peerMismatch()) {
                expectOneOf(result.cause(), PeerIdMismatchException.class);
            }
            assertFalse(channel.isOpen(), "a failed handshake must close the channel");
        }
        if (!result.isDone()) {
            // a handshake that waits for bytes ends with its timeout
            assertTrue(channel.isOpen());
            channel.advanceTimeBy(NoiseSecurity.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            assertTrue(result.isDone(), "the handshake timeout did not fire");
            expectOneOf(result.cause(), NoiseException.class);
            assertFalse(channel.isOpen(), "a timed out handshake must close the channel");
        }
        assertTrue(next.exception == null, "an exception reached the next layer: " + next.exception);

        channel.finishAndReleaseAll();
        channel.checkException();
        allocator.assertAllReleased("after the channel closed");
    }

    /** What a correct implementation must make of an input. */
    private record Expectation(boolean success, boolean mustFail, PeerId remote, byte[] earlyData, boolean peerMismatch) {
        static final Expectation ANY = new Expectation(false, false, null, new byte[0], false);

        static Expectation failure(boolean peerMismatch) {
            return new Expectation(false, true, null, new byte[0], peerMismatch);
        }
    }

    private static Expectation raw(FuzzInput in, EmbeddedChannel channel) {
        int chunkSize = in.u8();
        for (byte[] chunk : chunks(in.rest(), chunkSize)) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(channel.alloc().buffer(chunk.length).writeBytes(chunk));
            channel.checkException();
            drainOutbound(channel);
        }
        return Expectation.ANY; // no valid handshake can be made of raw bytes: fail, or wait for more
    }

    /** A peer answering the real initiator's message 1 with a message 2 the input describes. */
    private static Expectation fakeResponder(FuzzInput in, EmbeddedChannel channel, byte[] firstMessage,
                                             PeerId expectedRemote) throws GeneralSecurityException {
        NoiseXxPeer peer = new NoiseXxPeer(false, in.fixed(32), in.fixed(32));
        byte[] message1 = unframe(firstMessage).getFirst();
        assertEquals(0, peer.readMessage(message1).length, "message 1 must carry an empty payload");

        Sent sent = keysSent(in, peer, message1);
        byte[] payload = NoiseFuzzing.payload(in, sent.staticKey());
        byte[] message2 = peer.writeMessage(payload, sent.ephemeralOverride(), sent.staticOverride());
        byte[] tampered = NoiseFuzzing.tamper(in, message2);
        deliver(in, channel, frame(tampered));

        Optional<PeerId> authenticated = authenticates(payload, sent.staticKey());
        boolean valid = sent.sameDh() && Arrays.equals(tampered, message2) && authenticated.isPresent();
        if (!valid) {
            return Expectation.failure(false);
        }
        if (expectedRemote != null && !expectedRemote.equals(authenticated.get())) {
            return Expectation.failure(true);
        }
        // the real initiator answered with message 3, which must authenticate it to a correct peer
        List<byte[]> answer = unframe(drainOutbound(channel));
        assertEquals(1, answer.size(), "the initiator must answer with exactly message 3");
        byte[] payload3 = peer.readMessage(answer.getFirst());
        assertEquals(Optional.of(LOCAL_PEER), authenticates(payload3, peer.remoteStaticKey()),
                "message 3 does not authenticate the initiator");
        return new Expectation(true, false, authenticated.get(), new byte[0], false);
    }

    /** A peer opening a handshake with the real responder, with messages 1 and 3 as the input describes. */
    private static Expectation fakeInitiator(FuzzInput in, EmbeddedChannel channel) throws GeneralSecurityException {
        NoiseXxPeer peer = new NoiseXxPeer(true, in.fixed(32), in.fixed(32));
        byte[] ephemeralOverride = in.bool() ? in.bytes(32) : null;
        byte[] message1Payload = in.chunk(); // message 1 should carry none; the responder ignores it
        byte[] message1 = peer.writeMessage(message1Payload, ephemeralOverride, null);
        deliver(in, channel, frame(message1));
        if (!channel.isOpen()) {
            return Expectation.ANY; // e.g. a low-order ephemeral key
        }
        List<byte[]> answer = unframe(drainOutbound(channel));
        assertEquals(1, answer.size(), "the responder must answer with exactly message 2");
        byte[] payload2;
        try {
            payload2 = peer.readMessage(answer.getFirst());
        } catch (GeneralSecurityException e) {
            // only a replaced ephemeral key may make message 2 unreadable
            assertTrue(ephemeralOverride != null && (ephemeralOverride.length != 32
                            || !u(ephemeralOverride).equals(u(peer.ephemeralPublicKey()))),
                    "a correct peer cannot read message 2");
            return Expectation.ANY; // the responder waits for a message 3 that will not come
        }
        assertEquals(Optional.of(LOCAL_PEER), authenticates(payload2, peer.remoteStaticKey()),
                "message 2 does not authenticate the responder");

        byte[] staticOverride = in.bool() ? in.bytes(32) : null;
        byte[] staticSent = staticOverride != null ? staticOverride : peer.staticPublicKey();
        byte[] payload = NoiseFuzzing.payload(in, staticSent);
        byte[] message3 = peer.writeMessage(payload, null, staticOverride);
        byte[] tampered = NoiseFuzzing.tamper(in, message3);
        byte[] earlyData = in.bool() ? in.chunk() : new byte[0];
        byte[] earlyFrame = earlyData.length > 0 ? frame(peer.encrypt(earlyData)) : new byte[0];
        deliver(in, channel, concat(frame(tampered), earlyFrame));

        Optional<PeerId> authenticated = authenticates(payload, staticSent);
        boolean sameDh = staticOverride == null
                || staticOverride.length == 32 && u(staticOverride).equals(u(peer.staticPublicKey()));
        if (sameDh && Arrays.equals(tampered, message3) && authenticated.isPresent()) {
            return new Expectation(true, false, authenticated.get(), earlyData, false);
        }
        return Expectation.failure(false);
    }

    /** The keys the fake responder puts into message 2, and whether DH still agrees with them. */
    private record Sent(byte[] ephemeralOverride, byte[] staticOverride, byte[] staticKey, boolean sameDh) {
    }

    private static Sent keysSent(FuzzInput in, NoiseXxPeer peer, byte[] message1) {
        byte[] ephemeralOverride = in.bool() ? in.bytes(32) : null;
        byte[] staticOverride = in.bool() ? in.bytes(32) : null;
        boolean sameDh = true;
        if (ephemeralOverride != null) {
            sameDh = ephemeralOverride.length == 32 && u(ephemeralOverride).equals(u(peer.ephemeralPublicKey()));
        }
        if (staticOverride != null) {
            sameDh &= staticOverride.length == 32 && u(staticOverride).equals(u(peer.staticPublicKey()));
        }
        return new Sent(ephemeralOverride, staticOverride,
                staticOverride != null ? staticOverride : peer.staticPublicKey(), sameDh);
    }

    /** Writes {@code bytes} into the channel in reads of the size the input says. */
    private static void deliver(FuzzInput in, EmbeddedChannel channel, byte[] bytes) {
        int chunkSize = in.u8();
        for (byte[] chunk : chunks(bytes, chunkSize)) {
            if (!channel.isOpen()) {
                return;
            }
            channel.writeInbound(channel.alloc().buffer(chunk.length).writeBytes(chunk));
            channel.checkException();
        }
    }
}
