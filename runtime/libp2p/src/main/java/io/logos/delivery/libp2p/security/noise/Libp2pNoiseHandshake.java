package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.XxHandshakeState.Role;
import java.util.function.Supplier;

/**
 * One libp2p Noise handshake, independent of I/O: the XX messages with an empty prologue, an
 * empty payload in message 1 and the signed identity payload in messages 2 and 3, the remote
 * identity check, and the dialed-peer check on the initiator.
 */
final class Libp2pNoiseHandshake {

    private static final byte[] EMPTY = new byte[0];

    private final Role role;
    private final NoiseIdentity local;
    private final PeerId expectedRemote;
    private final XxHandshakeState state;
    private PubKey remoteKey;
    private PeerId remotePeer;

    /**
     * @param expectedRemote the dialed peer, checked by the initiator; null when not known
     * @param ephemeralKeys supplies the ephemeral key
     */
    Libp2pNoiseHandshake(Role role, NoiseIdentity local, PeerId expectedRemote, Supplier<X25519KeyPair> ephemeralKeys) {
        this.role = role;
        this.local = local;
        this.expectedRemote = expectedRemote;
        this.state = new XxHandshakeState(role, EMPTY, local.staticKey(), ephemeralKeys);
    }

    Role role() {
        return role;
    }

    /** The initiator's first message. */
    byte[] start() throws NoiseException {
        if (role != Role.INITIATOR) {
            throw new IllegalStateException("only the initiator starts a Noise handshake");
        }
        return state.writeMessage(EMPTY);
    }

    /**
     * Consumes the remote party's next message.
     *
     * @return the message to send in reply, or null when none is due
     * @throws NoiseException if the message is malformed, fails authentication, or proves a peer
     *     other than the dialed one ({@link PeerIdMismatchException})
     */
    byte[] receive(byte[] message) throws NoiseException {
        byte[] payload = state.readMessage(message);
        if (role == Role.RESPONDER && !state.isComplete()) {
            // message 1 carries no identity yet; the spec forbids extensions in it, so it is ignored
            return state.writeMessage(local.payload());
        }
        authenticate(payload);
        return state.isComplete() ? null : state.writeMessage(local.payload());
    }

    private void authenticate(byte[] payload) throws NoiseException {
        remoteKey = HandshakePayloads.verify(payload, state.remoteStaticKey());
        remotePeer = PeerId.fromPublicKey(remoteKey);
        if (expectedRemote != null && !expectedRemote.equals(remotePeer)) {
            throw new PeerIdMismatchException(expectedRemote, remotePeer);
        }
    }

    boolean isComplete() {
        return state.isComplete();
    }

    /** The authenticated session; only once complete. */
    SecureSession session() {
        requireComplete();
        return new SecureSession(local.peerId(), remotePeer, remoteKey);
    }

    /** The transport ciphers; only once complete, and only once. */
    TransportCiphers transportCiphers() {
        requireComplete();
        return state.split();
    }

    private void requireComplete() {
        if (!state.isComplete()) {
            throw new IllegalStateException("the Noise handshake is not complete");
        }
    }
}
