package io.logos.delivery.libp2p.security.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise spec's SymmetricState with the SHA256 hash functions: the chaining key, the
 * handshake hash and the CipherState that encrypts handshake payloads.
 */
final class SymmetricState {

    static final int HASH_BYTES = 32;

    private final CipherState cipher = new CipherState();
    private byte[] chainingKey;
    private byte[] handshakeHash;

    /** InitializeSymmetric(protocol_name). */
    SymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        handshakeHash = name.length <= HASH_BYTES ? Arrays.copyOf(name, HASH_BYTES) : sha256(name);
        chainingKey = handshakeHash.clone();
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] outputs = hkdf(chainingKey, inputKeyMaterial);
        chainingKey = outputs[0];
        cipher.initializeKey(outputs[1]);
    }

    void mixHash(byte[] data) {
        handshakeHash = sha256(handshakeHash, data);
    }

    boolean hasKey() {
        return cipher.hasKey();
    }

    byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
        byte[] ciphertext = cipher.encryptWithAd(handshakeHash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
        byte[] plaintext = cipher.decryptWithAd(handshakeHash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    /** Split(): the initiator-to-responder and responder-to-initiator transport ciphers. */
    CipherState[] split() {
        byte[][] outputs = hkdf(chainingKey, new byte[0]);
        CipherState initiatorToResponder = new CipherState();
        initiatorToResponder.initializeKey(outputs[0]);
        CipherState responderToInitiator = new CipherState();
        responderToInitiator.initializeKey(outputs[1]);
        return new CipherState[] {initiatorToResponder, responderToInitiator};
    }

    byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    /** The Noise spec's HKDF with two outputs (HMAC-SHA256 chained over 0x01, 0x02). */
    private static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[] output1 = hmac(tempKey, new byte[] {1});
        byte[] output2 = hmac(tempKey, concat(output1, new byte[] {2}));
        return new byte[][] {output1, output2};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
