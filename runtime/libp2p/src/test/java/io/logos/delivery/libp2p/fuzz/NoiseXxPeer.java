package io.logos.delivery.libp2p.fuzz;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A second, independent Noise_XX_25519_ChaChaPoly_SHA256 for the fuzz targets: the peer they control.
 * It writes the messages a fuzz input describes (any payload, any static or ephemeral public key,
 * tampered or not) and reads the real implementation's messages, which checks interoperability too.
 * Written from the Noise spec (revision 34), sharing no code with the stack's own.
 */
final class NoiseXxPeer {

    static final int DH_LEN = 32;
    static final int TAG_LEN = 16;
    private static final byte[] PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final boolean initiator;
    private final byte[] staticPrivate;
    private final byte[] ephemeralPrivate;
    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private long n;
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    private int messageIndex;
    /** Transport keys once split: this side's sending and receiving key and nonces. */
    private byte[] sendKey;
    private byte[] receiveKey;
    private long sendNonce;
    private long receiveNonce;

    /** @param staticPrivate and {@code ephemeralPrivate}: 32-byte X25519 scalars (clamped by X25519) */
    NoiseXxPeer(boolean initiator, byte[] staticPrivate, byte[] ephemeralPrivate) {
        this.initiator = initiator;
        this.staticPrivate = staticPrivate.clone();
        this.ephemeralPrivate = ephemeralPrivate.clone();
        h = PROTOCOL_NAME.clone(); // exactly HASHLEN bytes, so used as is
        ck = h.clone();
        mixHash(new byte[0]); // empty prologue
    }

    static byte[] publicKey(byte[] privateKey) {
        byte[] publicKey = new byte[DH_LEN];
        X25519.scalarMultBase(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    byte[] staticPublicKey() {
        return publicKey(staticPrivate);
    }

    byte[] ephemeralPublicKey() {
        return publicKey(ephemeralPrivate);
    }

    /**
     * Writes this side's next handshake message.
     *
     * @param ephemeralOverride sent instead of the real ephemeral public key (null: the real one)
     * @param staticOverride    encrypted instead of the real static public key (null: the real one)
     */
    byte[] writeMessage(byte[] payload, byte[] ephemeralOverride, byte[] staticOverride) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (messageIndex == 0 || messageIndex == 1) {
            byte[] e = ephemeralOverride != null ? ephemeralOverride : publicKey(ephemeralPrivate);
            out.writeBytes(e);
            mixHash(e);
        }
        if (messageIndex == 1) {
            mixKey(dh(ephemeralPrivate, remoteEphemeral)); // ee
            out.writeBytes(encryptAndHash(staticOverride != null ? staticOverride : staticPublicKey())); // s
            mixKey(dh(staticPrivate, remoteEphemeral)); // es, responder side
        } else if (messageIndex == 2) {
            out.writeBytes(encryptAndHash(staticOverride != null ? staticOverride : staticPublicKey())); // s
            mixKey(dh(staticPrivate, remoteEphemeral)); // se, initiator side
        }
        out.writeBytes(encryptAndHash(payload));
        messageIndex++;
        if (messageIndex == 3) {
            split();
        }
        return out.toByteArray();
    }

    /**
     * Reads the other side's next handshake message.
     *
     * @return its payload
     * @throws GeneralSecurityException if it does not authenticate
     */
    byte[] readMessage(byte[] message) throws GeneralSecurityException {
        int offset = 0;
        if (messageIndex == 0 || messageIndex == 1) {
            remoteEphemeral = Arrays.copyOfRange(message, 0, DH_LEN);
            mixHash(remoteEphemeral);
            offset = DH_LEN;
        }
        if (messageIndex == 1) {
            mixKey(dh(ephemeralPrivate, remoteEphemeral)); // ee
            remoteStatic = decryptAndHash(Arrays.copyOfRange(message, offset, offset + DH_LEN + TAG_LEN));
            offset += DH_LEN + TAG_LEN;
            mixKey(dh(ephemeralPrivate, remoteStatic)); // es, initiator side
        } else if (messageIndex == 2) {
            remoteStatic = decryptAndHash(Arrays.copyOfRange(message, offset, offset + DH_LEN + TAG_LEN));
            offset += DH_LEN + TAG_LEN;
            mixKey(dh(ephemeralPrivate, remoteStatic)); // se, responder side
        }
        byte[] payload = decryptAndHash(Arrays.copyOfRange(message, offset, message.length));
        messageIndex++;
        if (messageIndex == 3) {
            split();
        }
        return payload;
    }

    byte[] remoteStaticKey() {
        return remoteStatic;
    }

    /** A transport message to the other side (after the handshake). */
    byte[] encrypt(byte[] plaintext) {
        try {
            return chaCha(Cipher.ENCRYPT_MODE, sendKey, sendNonce++, new byte[0], plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transport message from the other side. */
    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        return chaCha(Cipher.DECRYPT_MODE, receiveKey, receiveNonce++, new byte[0], ciphertext);
    }

    private void split() {
        byte[][] keys = hkdf(ck, new byte[0]);
        sendKey = initiator ? keys[0] : keys[1];
        receiveKey = initiator ? keys[1] : keys[0];
    }

    private void mixHash(byte[] data) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(h);
            sha256.update(data);
            h = sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = hkdf(ck, inputKeyMaterial);
        ck = out[0];
        k = out[1];
        n = 0;
    }

    private byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext;
        try {
            ciphertext = k == null ? plaintext.clone() : chaCha(Cipher.ENCRYPT_MODE, k, n++, h, plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        mixHash(ciphertext);
        return ciphertext;
    }

    private byte[] decryptAndHash(byte[] ciphertext) throws GeneralSecurityException {
        byte[] plaintext = k == null ? ciphertext.clone() : chaCha(Cipher.DECRYPT_MODE, k, n++, h, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    private static byte[] dh(byte[] privateKey, byte[] publicKey) {
        byte[] shared = new byte[DH_LEN];
        X25519.scalarMult(privateKey, 0, publicKey, 0, shared, 0);
        return shared;
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[] first = hmac(tempKey, new byte[] {1});
        byte[] second = hmac(tempKey, concat(first, new byte[] {2}));
        return new byte[][] {first, second};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] chaCha(int mode, byte[] key, long nonce, byte[] ad, byte[] input) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (nonce >>> (8 * i));
        }
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv));
        cipher.updateAAD(ad);
        return cipher.doFinal(input);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
