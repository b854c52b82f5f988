package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.XxHandshakeState.Role;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The {@code /noise} secure channel: secures Netty channels with the libp2p Noise handshake
 * (Noise_XX_25519_ChaChaPoly_SHA256, identity keys bound by signature).
 *
 * <p>{@link #secureInbound} and {@link #secureOutbound} add a handshake handler at the end of the
 * channel's pipeline (the negotiating layer, e.g. multistream-select, must be done with the
 * channel's bytes by then). On success that handler has been replaced by the transport handler
 * (named {@value #TRANSPORT_HANDLER_NAME}), and every handler added after it reads and writes
 * plaintext ByteBufs. On failure the channel is closed and the future fails with a
 * {@link NoiseException} ({@link PeerIdMismatchException} when the dialed peer was not reached).
 *
 * <p>The returned future is notified on the channel's event loop. Add the next layer's handlers
 * in a listener: bytes that arrived with the last handshake message are passed on right after
 * the listeners run. Call these methods on the event loop (as a negotiating handler does), so the
 * handshake cannot complete before your listener is attached.
 *
 * <p>One instance serves any number of connections and threads.
 */
public final class NoiseSecurity {

    /** The protocol id negotiated with multistream-select. */
    public static final String PROTOCOL_ID = "/noise";
    /** How long a handshake may take unless configured otherwise. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);
    /** The pipeline name of the handler during the handshake. */
    public static final String HANDSHAKE_HANDLER_NAME = "noise-handshake";
    /** The pipeline name of the handler that encrypts and decrypts after the handshake. */
    public static final String TRANSPORT_HANDLER_NAME = "noise";

    private final NoiseIdentity identity;
    private final Duration handshakeTimeout;
    private final SecureRandom random = new SecureRandom();

    /** Secures channels as the peer owning {@code identityKey}, with the default handshake timeout. */
    public NoiseSecurity(PrivKey identityKey) {
        this(identityKey, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** Secures channels as the peer owning {@code identityKey}; handshakes slower than the timeout fail. */
    public NoiseSecurity(PrivKey identityKey, Duration handshakeTimeout) {
        this(NoiseIdentity.create(identityKey, new SecureRandom()), handshakeTimeout);
    }

    NoiseSecurity(NoiseIdentity identity, Duration handshakeTimeout) {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive, got " + handshakeTimeout);
        }
        this.identity = identity;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Our peer id, as the remote side will see it. */
    public PeerId localPeer() {
        return identity.peerId();
    }

    /** Runs the handshake as the responder (the listener's side of a connection). */
    public Future<SecureSession> secureInbound(Channel channel) {
        return secure(channel, Role.RESPONDER, null);
    }

    /**
     * Runs the handshake as the initiator (the dialer's side of a connection).
     *
     * @param expectedRemote the peer being dialed; the handshake fails unless the remote proves to
     *     be this peer. Null when the peer id is not known in advance.
     */
    public Future<SecureSession> secureOutbound(Channel channel, PeerId expectedRemote) {
        return secure(channel, Role.INITIATOR, expectedRemote);
    }

    private Future<SecureSession> secure(Channel channel, Role role, PeerId expectedRemote) {
        Promise<SecureSession> result = channel.eventLoop().newPromise();
        Libp2pNoiseHandshake handshake =
                new Libp2pNoiseHandshake(role, identity, expectedRemote, () -> X25519KeyPair.generate(random));
        channel.pipeline().addLast(HANDSHAKE_HANDLER_NAME, new NoiseHandshakeHandler(handshake, result, handshakeTimeout));
        return result;
    }
}
