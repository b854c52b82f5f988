package io.logos.delivery.libp2p.security.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two channels whose bytes the test carries across, so it can cut, join and tamper with them. */
class NoiseEmbeddedChannelTest {

    private final PrivKey dialerKey = Keys.generate(KeyType.SECP256K1);
    private final PrivKey listenerKey = Keys.generate(KeyType.ED25519);
    private final NoiseSecurity dialerNoise = new NoiseSecurity(dialerKey);
    private final NoiseSecurity listenerNoise = new NoiseSecurity(listenerKey);
    private final EmbeddedChannel dialer = new EmbeddedChannel();
    private final EmbeddedChannel listener = new EmbeddedChannel();

    /** Everything {@code from} has written so far, as one buffer (null if nothing). */
    private static ByteBuf drainOutbound(EmbeddedChannel from) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuf buffer;
        while ((buffer = from.readOutbound()) != null) {
            byte[] chunk = new byte[buffer.readableBytes()];
            buffer.readBytes(chunk);
            buffer.release();
            bytes.writeBytes(chunk);
        }
        return bytes.size() == 0 ? null : Unpooled.wrappedBuffer(bytes.toByteArray());
    }

    /** Carries bytes both ways, each batch as one buffer, until neither side has more to say. */
    private void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            ByteBuf toListener = drainOutbound(dialer);
            if (toListener != null && listener.isOpen()) {
                listener.writeInbound(toListener);
                moved = true;
            }
            ByteBuf toDialer = drainOutbound(listener);
            if (toDialer != null && dialer.isOpen()) {
                dialer.writeInbound(toDialer);
                moved = true;
            }
        }
    }

    private static byte[] readInboundBytes(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuf buffer;
        while ((buffer = channel.readInbound()) != null) {
            byte[] chunk = new byte[buffer.readableBytes()];
            buffer.readBytes(chunk);
            buffer.release();
            bytes.writeBytes(chunk);
        }
        return bytes.toByteArray();
    }

    private void handshake() {
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        Future<SecureSession> dialerSession = dialerNoise.secureOutbound(dialer, listenerNoise.localPeer());
        pump();
        assertTrue(dialerSession.isSuccess(), () -> String.valueOf(dialerSession.cause()));
        assertTrue(listenerSession.isSuccess(), () -> String.valueOf(listenerSession.cause()));
    }

    @Test
    void handshakeAuthenticatesBothSidesAndLeavesTheTransportHandler() {
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        Future<SecureSession> dialerSession = dialerNoise.secureOutbound(dialer, listenerNoise.localPeer());
        pump();

        SecureSession dialerView = dialerSession.getNow();
        assertEquals(dialerNoise.localPeer(), dialerView.localPeer());
        assertEquals(PeerId.fromPublicKey(listenerKey.publicKey()), dialerView.remotePeer());
        assertEquals(listenerKey.publicKey(), dialerView.remotePublicKey());
        SecureSession listenerView = listenerSession.getNow();
        assertEquals(PeerId.fromPublicKey(dialerKey.publicKey()), listenerView.remotePeer());
        assertEquals(dialerKey.publicKey(), listenerView.remotePublicKey());

        for (EmbeddedChannel channel : List.of(dialer, listener)) {
            assertNull(channel.pipeline().get(NoiseSecurity.HANDSHAKE_HANDLER_NAME));
            assertInstanceOf(NoiseTransportHandler.class, channel.pipeline().get(NoiseSecurity.TRANSPORT_HANDLER_NAME));
        }
    }

    @Test
    void carriesDataBothWaysSplittingLargeWritesIntoFrames() {
        handshake();
        byte[] large = new byte[3 * NoiseTransportHandler.MAX_PLAINTEXT_BYTES + 1234];
        new Random(7).nextBytes(large);
        dialer.writeAndFlush(Unpooled.wrappedBuffer(large));

        ByteBuf wire = drainOutbound(dialer);
        List<Integer> frameLengths = new ArrayList<>();
        for (int i = wire.readerIndex(); i < wire.writerIndex(); i += 2 + wire.getUnsignedShort(i)) {
            frameLengths.add(wire.getUnsignedShort(i));
        }
        assertEquals(List.of(65535, 65535, 65535, 1234 + CipherState.TAG_BYTES), frameLengths);
        listener.writeInbound(wire);
        assertArrayEquals(large, readInboundBytes(listener));

        listener.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {4, 5, 6}));
        pump();
        assertArrayEquals(new byte[] {4, 5, 6}, readInboundBytes(dialer));
    }

    @Test
    void handlesBytesArrivingOneAtATimeAndDataRightBehindTheLastHandshakeMessage() {
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        Future<SecureSession> dialerSession = dialerNoise.secureOutbound(dialer, null);
        // the dialer writes as soon as its handshake completes: message 3 and data leave together
        dialerSession.addListener(done -> dialer.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {42})));

        boolean moved = true;
        while (moved) {
            moved = false;
            for (EmbeddedChannel[] pair : new EmbeddedChannel[][] {{dialer, listener}, {listener, dialer}}) {
                ByteBuf bytes = drainOutbound(pair[0]);
                if (bytes == null) {
                    continue;
                }
                moved = true;
                if (pair[1] == listener && dialerSession.isSuccess()) {
                    pair[1].writeInbound(bytes); // message 3 and the data frame in one read
                } else {
                    while (bytes.isReadable()) {
                        pair[1].writeInbound(bytes.readRetainedSlice(1));
                    }
                    bytes.release();
                }
            }
        }
        assertTrue(listenerSession.isSuccess(), () -> String.valueOf(listenerSession.cause()));
        assertArrayEquals(new byte[] {42}, readInboundBytes(listener));
    }

    @Test
    void tamperedCiphertextClosesTheReceiverAndDeliversNothing() {
        handshake();
        dialer.writeAndFlush(Unpooled.wrappedBuffer("secret".getBytes()));
        ByteBuf wire = drainOutbound(dialer);
        wire.setByte(5, wire.getByte(5) ^ 0x01);
        listener.writeInbound(wire);

        assertFalse(listener.isOpen());
        assertEquals(0, readInboundBytes(listener).length);
    }

    @Test
    void aFrameTooShortForItsTagClosesTheReceiver() {
        handshake();
        listener.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
        assertFalse(listener.isOpen());
    }

    @Test
    void aReplayedFrameFailsAuthentication() {
        handshake();
        dialer.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        ByteBuf wire = drainOutbound(dialer);
        ByteBuf replay = wire.copy();
        listener.writeInbound(wire);
        assertArrayEquals(new byte[] {1}, readInboundBytes(listener));
        listener.writeInbound(replay);
        assertFalse(listener.isOpen());
    }

    @Test
    void wrongExpectedPeerFailsTheDialerAndClosesBothEnds() {
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        PeerId someoneElse = PeerId.fromPublicKey(Keys.generate().publicKey());
        Future<SecureSession> dialerSession = dialerNoise.secureOutbound(dialer, someoneElse);
        pump();

        assertInstanceOf(PeerIdMismatchException.class, dialerSession.cause());
        assertFalse(dialer.isOpen());
        listener.close();
        assertInstanceOf(NoiseException.class, listenerSession.cause());
    }

    @Test
    void garbageInsteadOfAHandshakeMessageFailsTheListener() {
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        listener.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 4, 1, 2, 3, 4}));
        NoiseException error = assertInstanceOf(NoiseException.class, listenerSession.cause());
        assertTrue(error.getMessage().contains("ends inside its ephemeral key"), error.getMessage());
        assertFalse(listener.isOpen());
    }

    @Test
    void writesBeforeTheHandshakeCompletesAreRefused() {
        dialerNoise.secureOutbound(dialer, null);
        drainOutbound(dialer).release();
        ChannelFuture write = dialer.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        assertInstanceOf(IllegalStateException.class, write.cause());
        assertNull(dialer.readOutbound());
    }

    @Test
    void aStalledHandshakeTimesOut() {
        EmbeddedChannel silent = new EmbeddedChannel();
        silent.freezeTime();
        NoiseSecurity impatient = new NoiseSecurity(listenerKey, Duration.ofSeconds(5));
        Future<SecureSession> session = impatient.secureInbound(silent);
        silent.advanceTimeBy(4, TimeUnit.SECONDS);
        silent.runScheduledPendingTasks();
        assertFalse(session.isDone());
        silent.advanceTimeBy(2, TimeUnit.SECONDS);
        silent.runScheduledPendingTasks();
        NoiseException error = assertInstanceOf(NoiseException.class, session.cause());
        assertTrue(error.getMessage().contains("did not finish within"), error.getMessage());
        assertFalse(silent.isOpen());
    }

    @Test
    void connectionLossDuringTheHandshakeFailsTheFuture() {
        Future<SecureSession> session = dialerNoise.secureOutbound(dialer, null);
        assertNotNull(drainOutbound(dialer));
        dialer.close();
        NoiseException error = assertInstanceOf(NoiseException.class, session.cause());
        assertTrue(error.getMessage().contains("closed during the Noise handshake"), error.getMessage());
    }

    @Test
    void aPipelineThatCannotTakeTheTransportHandlerFailsTheHandshakeInsteadOfHanging() {
        listener.pipeline().addLast(NoiseSecurity.TRANSPORT_HANDLER_NAME, new ChannelInboundHandlerAdapter());
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        dialerNoise.secureOutbound(dialer, null);
        pump();
        NoiseException error = assertInstanceOf(NoiseException.class, listenerSession.cause());
        assertTrue(error.getMessage().contains("Duplicate handler name"), error.getMessage());
        assertFalse(listener.isOpen());
    }
}
