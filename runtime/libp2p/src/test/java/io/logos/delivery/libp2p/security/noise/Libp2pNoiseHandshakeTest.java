package io.logos.delivery.libp2p.security.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.XxHandshakeState.Role;
import io.logos.delivery.libp2p.security.noise.pb.NoiseHandshakePayload;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The libp2p layer of the handshake, without I/O. */
class Libp2pNoiseHandshakeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Libp2pNoiseHandshake handshake(Role role, NoiseIdentity identity, PeerId expected) {
        return new Libp2pNoiseHandshake(role, identity, expected, () -> X25519KeyPair.generate(RANDOM));
    }

    /** Runs messages 1 and 2; returns message 3 from the initiator (or throws what the initiator threw). */
    private static byte[] runUntilMessage3(Libp2pNoiseHandshake initiator, Libp2pNoiseHandshake responder) throws NoiseException {
        byte[] message2 = responder.receive(initiator.start());
        return initiator.receive(message2);
    }

    @Test
    void authenticatesBothPeersForEveryKeyTypePair() throws NoiseException {
        for (KeyType initiatorType : KeyType.values()) {
            for (KeyType responderType : KeyType.values()) {
                PrivKey initiatorKey = Keys.generate(initiatorType);
                PrivKey responderKey = Keys.generate(responderType);
                PeerId initiatorPeer = PeerId.fromPublicKey(initiatorKey.publicKey());
                PeerId responderPeer = PeerId.fromPublicKey(responderKey.publicKey());
                Libp2pNoiseHandshake initiator = handshake(Role.INITIATOR, NoiseIdentity.create(initiatorKey, RANDOM), responderPeer);
                Libp2pNoiseHandshake responder = handshake(Role.RESPONDER, NoiseIdentity.create(responderKey, RANDOM), null);

                assertNull(responder.receive(runUntilMessage3(initiator, responder)));
                assertTrue(initiator.isComplete() && responder.isComplete());
                assertEquals(new SecureSession(initiatorPeer, responderPeer, responderKey.publicKey()), initiator.session());
                assertEquals(new SecureSession(responderPeer, initiatorPeer, initiatorKey.publicKey()), responder.session());

                TransportCiphers initiatorCiphers = initiator.transportCiphers();
                TransportCiphers responderCiphers = responder.transportCiphers();
                byte[] hello = {1, 2, 3};
                assertArrayEquals(hello, responderCiphers.receiver().decryptWithAd(new byte[0],
                        initiatorCiphers.sender().encryptWithAd(new byte[0], hello)));
                assertArrayEquals(hello, initiatorCiphers.receiver().decryptWithAd(new byte[0],
                        responderCiphers.sender().encryptWithAd(new byte[0], hello)));
            }
        }
    }

    @Test
    void initiatorRejectsAResponderThatIsNotTheDialedPeer() {
        PeerId dialed = PeerId.fromPublicKey(Keys.generate().publicKey());
        NoiseIdentity impostor = NoiseIdentity.create(Keys.generate(), RANDOM);
        Libp2pNoiseHandshake initiator = handshake(Role.INITIATOR, NoiseIdentity.create(Keys.generate(), RANDOM), dialed);
        Libp2pNoiseHandshake responder = handshake(Role.RESPONDER, impostor, null);

        PeerIdMismatchException error = assertThrows(PeerIdMismatchException.class, () -> runUntilMessage3(initiator, responder));
        assertEquals(dialed, error.expected());
        assertEquals(impostor.peerId(), error.actual());
        assertTrue(error.getMessage().contains("was dialed"));
    }

    @Test
    void rejectsASignatureOverAnotherStaticKey() {
        PrivKey identityKey = Keys.generate(KeyType.ED25519);
        X25519KeyPair staticKey = X25519KeyPair.generate(RANDOM);
        byte[] payloadForOtherKey = HandshakePayloads.create(identityKey, X25519KeyPair.generate(RANDOM).publicKey());
        NoiseIdentity forger = new NoiseIdentity(PeerId.fromPublicKey(identityKey.publicKey()), staticKey, payloadForOtherKey);

        assertResponderRejected(forger, "signature does not cover its Noise static key");
    }

    @Test
    void rejectsPayloadsWithMissingOrInvalidFields() {
        PrivKey identityKey = Keys.generate();
        X25519KeyPair staticKey = X25519KeyPair.generate(RANDOM);
        PeerId peer = PeerId.fromPublicKey(identityKey.publicKey());
        NoiseHandshakePayload valid;
        try {
            valid = NoiseHandshakePayload.parseFrom(HandshakePayloads.create(identityKey, staticKey.publicKey()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }

        byte[] noSignature = valid.toBuilder().clearIdentitySig().build().toByteArray();
        assertResponderRejected(new NoiseIdentity(peer, staticKey, noSignature), "lacks its identity key or signature");

        byte[] badKey = valid.toBuilder().setIdentityKey(ByteString.copyFrom(new byte[] {8, 1, 18, 1, 0})).build().toByteArray();
        assertResponderRejected(new NoiseIdentity(peer, staticKey, badKey), "remote identity key is unusable");

        assertResponderRejected(new NoiseIdentity(peer, staticKey, new byte[] {(byte) 0xFF}), "not a valid protobuf");
    }

    private static void assertResponderRejected(NoiseIdentity responderIdentity, String expectedMessagePart) {
        Libp2pNoiseHandshake initiator = handshake(Role.INITIATOR, NoiseIdentity.create(Keys.generate(), RANDOM), null);
        Libp2pNoiseHandshake responder = handshake(Role.RESPONDER, responderIdentity, null);
        NoiseException error = assertThrows(NoiseException.class, () -> runUntilMessage3(initiator, responder));
        assertTrue(error.getMessage().contains(expectedMessagePart), error.getMessage());
    }

    @Test
    void responderRejectsAForgedInitiatorPayload() throws NoiseException {
        PrivKey identityKey = Keys.generate();
        byte[] payloadForOtherKey = HandshakePayloads.create(identityKey, X25519KeyPair.generate(RANDOM).publicKey());
        NoiseIdentity forger = new NoiseIdentity(PeerId.fromPublicKey(identityKey.publicKey()), X25519KeyPair.generate(RANDOM), payloadForOtherKey);
        Libp2pNoiseHandshake initiator = handshake(Role.INITIATOR, forger, null);
        Libp2pNoiseHandshake responder = handshake(Role.RESPONDER, NoiseIdentity.create(Keys.generate(), RANDOM), null);

        byte[] message3 = runUntilMessage3(initiator, responder);
        NoiseException error = assertThrows(NoiseException.class, () -> responder.receive(message3));
        assertTrue(error.getMessage().contains("signature does not cover"), error.getMessage());
    }
}
