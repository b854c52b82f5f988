package io.logos.delivery.libp2p.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random sign/verify round trips, and tampering that must be rejected. */
class SignaturePropertyTest {

    private static final int CASES = 150;

    @Test
    void signaturesVerifyAndTamperingIsRejected() {
        Random random = new Random(0x51C4A7L);
        for (int i = 0; i < CASES; i++) {
            KeyType type = KeyType.values()[i % KeyType.values().length];
            PrivKey key = Keys.generate(type, seeded(random));
            PrivKey otherKey = Keys.generate(type, seeded(random));
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            byte[] signature = key.sign(data);

            assertTrue(key.publicKey().verify(data, signature));
            assertArrayEquals(signature, key.sign(data), "signatures are deterministic");
            assertFalse(otherKey.publicKey().verify(data, signature), "another key's signature");

            byte[] tamperedSignature = signature.clone();
            int bit = random.nextInt(tamperedSignature.length * 8);
            tamperedSignature[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(key.publicKey().verify(data, tamperedSignature), "flipped signature bit " + bit);

            byte[] tamperedData = Arrays.copyOf(data, data.length + 1);
            assertFalse(key.publicKey().verify(tamperedData, signature), "extended data");
        }
    }

    @Test
    void secp256k1SignaturesAreLowSAndStrictDer() {
        Random random = new Random(0xDE7L);
        for (int i = 0; i < CASES; i++) {
            PrivKey key = Keys.generate(KeyType.SECP256K1, seeded(random));
            byte[] data = new byte[random.nextInt(100)];
            random.nextBytes(data);
            byte[] signature = key.sign(data);
            DerSignature decoded = DerSignature.decode(signature);
            assertTrue(decoded.s().compareTo(Secp256k1.HALF_ORDER) <= 0, "low S");
            assertArrayEquals(signature, decoded.encode());

            // the high-S twin is mathematically valid; accepted like go-libp2p does
            BigInteger highS = Secp256k1.DOMAIN.getN().subtract(decoded.s());
            assertTrue(key.publicKey().verify(data, new DerSignature(decoded.r(), highS).encode()));
        }
    }

    @Test
    void malformedDerIsRejected() {
        PrivKey key = Keys.generate(KeyType.SECP256K1);
        byte[] data = {1, 2, 3};
        byte[] signature = key.sign(data);

        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        assertFalse(key.publicKey().verify(data, trailing));

        // an extra leading zero on r is not minimal DER
        byte[] padded = new byte[signature.length + 1];
        padded[0] = 0x30;
        padded[1] = (byte) (signature[1] + 1);
        padded[2] = 0x02;
        padded[3] = (byte) (signature[3] + 1);
        padded[4] = 0;
        System.arraycopy(signature, 4, padded, 5, signature.length - 4);
        assertEquals(DerSignature.decode(signature).r(), new BigInteger(1, Arrays.copyOfRange(padded, 5, 5 + signature[3])));
        assertFalse(key.publicKey().verify(data, padded));
        assertFalse(key.publicKey().verify(data, new byte[0]));
    }

    private static SecureRandom seeded(Random random) {
        return new SeededRandom(random.nextLong());
    }
}
