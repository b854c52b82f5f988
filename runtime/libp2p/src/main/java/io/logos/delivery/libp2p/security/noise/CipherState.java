package io.logos.delivery.libp2p.security.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise spec's CipherState with the ChaChaPoly cipher functions: a key (or none) and a
 * 64-bit message counter used as the nonce. Not thread-safe: one per direction, on one thread.
 */
final class CipherState {

    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    /** 2^64-1 is reserved by the Noise spec; a counter that reaches it ends the session. */
    private static final long RESERVED_NONCE = -1L;

    private final Cipher cipher;
    private SecretKeySpec key;
    private long nonce;

    CipherState() {
        try {
            cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides ChaCha20-Poly1305 since Java 11", e);
        }
    }

    void initializeKey(byte[] newKey) {
        key = new SecretKeySpec(newKey, "ChaCha20");
        nonce = 0;
    }

    boolean hasKey() {
        return key != null;
    }

    /** ENCRYPT(k, n++, ad, plaintext), or the plaintext itself while there is no key. */
    byte[] encryptWithAd(byte[] ad, byte[] plaintext) throws NoiseException {
        if (key == null) {
            return plaintext.clone();
        }
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, ad, plaintext);
        nonce++;
        return ciphertext;
    }

    /**
     * DECRYPT(k, n++, ad, ciphertext), or the ciphertext itself while there is no key. The
     * counter does not advance when authentication fails.
     *
     * @throws NoiseException if the ciphertext fails authentication
     */
    byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
        if (key == null) {
            return ciphertext.clone();
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new NoiseException("Noise ciphertext of " + ciphertext.length
                    + " bytes is shorter than its " + TAG_BYTES + "-byte authentication tag");
        }
        byte[] plaintext = run(Cipher.DECRYPT_MODE, ad, ciphertext);
        nonce++;
        return plaintext;
    }

    private byte[] run(int mode, byte[] ad, byte[] input) throws NoiseException {
        if (nonce == RESERVED_NONCE) {
            throw new NoiseException("Noise nonce counter exhausted; the session must end");
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(nonceBytes(nonce)));
            cipher.updateAAD(ad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new NoiseException("Noise message failed authentication (tampered, or not from the peer)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 rejected a valid key or nonce", e);
        }
    }

    /** The ChaChaPoly nonce: 32 zero bits, then the counter as a little-endian 64-bit value. */
    private static byte[] nonceBytes(long counter) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }
}
