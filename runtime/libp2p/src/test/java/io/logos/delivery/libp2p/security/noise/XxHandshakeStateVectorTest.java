package io.logos.delivery.libp2p.security.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.security.noise.XxHandshakeState.Role;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The Noise_XX_25519_ChaChaPoly_SHA256 known-answer vector of the cacophony test suite
 * (haskell-cryptography/cacophony vectors/cacophony.txt): fixed static and ephemeral keys, a
 * prologue, three handshake messages and three transport messages alternating between the
 * parties, each with its exact ciphertext.
 */
class XxHandshakeStateVectorTest {

    private static final String PROLOGUE = "4a6f686e2047616c74";
    private static final String INIT_STATIC = "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
    private static final String INIT_EPHEMERAL = "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
    private static final String RESP_STATIC = "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
    private static final String RESP_EPHEMERAL = "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
    private static final String HANDSHAKE_HASH = "c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e";
    private static final String[][] MESSAGES = {
        {"4c756477696720766f6e204d69736573", "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"},
        {"4d757272617920526f746862617264", "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d162c9326ad"},
        {"462e20412e20486179656b", "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"},
        {"4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"},
        {"4a65616e2d426170746973746520536179", "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"},
        {"457567656e2042f6686d20766f6e2042617765726b", "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"},
    };

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static X25519KeyPair key(String privateKey) {
        return X25519KeyPair.fromPrivateKey(hex(privateKey));
    }

    @Test
    void reproducesTheCacophonyVector() throws NoiseException {
        XxHandshakeState initiator = new XxHandshakeState(Role.INITIATOR, hex(PROLOGUE), key(INIT_STATIC), () -> key(INIT_EPHEMERAL));
        XxHandshakeState responder = new XxHandshakeState(Role.RESPONDER, hex(PROLOGUE), key(RESP_STATIC), () -> key(RESP_EPHEMERAL));

        for (int i = 0; i < 3; i++) {
            XxHandshakeState sender = i % 2 == 0 ? initiator : responder;
            XxHandshakeState receiver = i % 2 == 0 ? responder : initiator;
            byte[] ciphertext = sender.writeMessage(hex(MESSAGES[i][0]));
            assertArrayEquals(hex(MESSAGES[i][1]), ciphertext, "handshake message " + (i + 1));
            assertArrayEquals(hex(MESSAGES[i][0]), receiver.readMessage(ciphertext));
        }
        assertTrue(initiator.isComplete() && responder.isComplete());
        assertArrayEquals(hex(HANDSHAKE_HASH), initiator.handshakeHash());
        assertArrayEquals(hex(HANDSHAKE_HASH), responder.handshakeHash());
        assertArrayEquals(key(RESP_STATIC).publicKey(), initiator.remoteStaticKey());
        assertArrayEquals(key(INIT_STATIC).publicKey(), responder.remoteStaticKey());

        TransportCiphers initiatorCiphers = initiator.split();
        TransportCiphers responderCiphers = responder.split();
        for (int i = 3; i < MESSAGES.length; i++) {
            TransportCiphers sender = i % 2 == 0 ? initiatorCiphers : responderCiphers;
            TransportCiphers receiver = i % 2 == 0 ? responderCiphers : initiatorCiphers;
            byte[] ciphertext = sender.sender().encryptWithAd(new byte[0], hex(MESSAGES[i][0]));
            assertArrayEquals(hex(MESSAGES[i][1]), ciphertext, "transport message " + (i + 1));
            assertArrayEquals(hex(MESSAGES[i][0]), receiver.receiver().decryptWithAd(new byte[0], ciphertext));
        }
    }

    @Test
    void rejectsTamperedTruncatedAndOutOfTurnMessages() throws NoiseException {
        XxHandshakeState initiator = new XxHandshakeState(Role.INITIATOR, hex(PROLOGUE), key(INIT_STATIC), () -> key(INIT_EPHEMERAL));
        XxHandshakeState responder = new XxHandshakeState(Role.RESPONDER, hex(PROLOGUE), key(RESP_STATIC), () -> key(RESP_EPHEMERAL));
        assertThrows(IllegalStateException.class, () -> initiator.readMessage(new byte[32]));
        assertThrows(IllegalStateException.class, () -> responder.writeMessage(new byte[0]));

        NoiseException shortMessage = assertThrows(NoiseException.class, () -> responder.readMessage(new byte[31]));
        assertTrue(shortMessage.getMessage().contains("ends inside its ephemeral key"), shortMessage.getMessage());

        responder.readMessage(initiator.writeMessage(new byte[0]));
        byte[] second = responder.writeMessage(new byte[0]);
        second[second.length - 1] ^= 1;
        NoiseException tampered = assertThrows(NoiseException.class, () -> initiator.readMessage(second));
        assertTrue(tampered.getMessage().contains("failed authentication"), tampered.getMessage());
    }

    @Test
    void aFailedDecryptionDoesNotAdvanceTheNonce() throws NoiseException {
        CipherState sender = new CipherState();
        CipherState receiver = new CipherState();
        sender.initializeKey(new byte[32]);
        receiver.initializeKey(new byte[32]);
        byte[] first = sender.encryptWithAd(new byte[0], new byte[] {1});
        byte[] forged = first.clone();
        forged[0] ^= 1;
        assertThrows(NoiseException.class, () -> receiver.decryptWithAd(new byte[0], forged));
        assertArrayEquals(new byte[] {1}, receiver.decryptWithAd(new byte[0], first));
        assertThrows(NoiseException.class, () -> receiver.decryptWithAd(new byte[0], new byte[15]));
    }
}
