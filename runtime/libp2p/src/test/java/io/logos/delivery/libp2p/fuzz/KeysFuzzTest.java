package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Identity keys from peers (the PublicKey protobuf in identify and Noise payloads), from disk (the
 * PrivateKey protobuf, nwaku's hex node key) and signatures checked against them. Input: one byte
 * choosing the decoder, then its input.
 */
class KeysFuzzTest {

    private static final byte[] MESSAGE = "noise-libp2p-static-key:fuzz".getBytes(StandardCharsets.UTF_8);
    private static final PrivKey SECP256K1 = Keys.generate(KeyType.SECP256K1, seeded(1));
    private static final PrivKey ED25519 = Keys.generate(KeyType.ED25519, seeded(2));

    @FuzzTest
    void decodesAValidKeyOrRejectsIt(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) {
        int mode = in.u8() % 5;
        byte[] rest = in.rest();
        switch (mode) {
            case 0 -> {
                PubKey key;
                try {
                    key = Keys.unmarshalPublicKey(rest);
                } catch (IllegalArgumentException rejected) {
                    return;
                }
                assertEquals(key, Keys.unmarshalPublicKey(key.marshal()));
                assertEquals(key, Keys.publicKeyFromRaw(key.type(), key.raw()));
                PeerId.fromPublicKey(key);
                assertFalse(key.verify(MESSAGE, new byte[64]), "an all-zero signature verified");
            }
            case 1 -> {
                PrivKey key;
                try {
                    key = Keys.unmarshalPrivateKey(rest);
                } catch (IllegalArgumentException rejected) {
                    return;
                }
                assertEquals(key, Keys.unmarshalPrivateKey(key.marshal()));
                assertTrue(key.publicKey().verify(MESSAGE, key.sign(MESSAGE)), "a key does not verify its own signature");
            }
            case 2 -> {
                try {
                    PrivKey key = Keys.secp256k1FromNodeKey(new String(rest, StandardCharsets.UTF_8));
                    assertEquals(KeyType.SECP256K1, key.type());
                } catch (IllegalArgumentException rejected) {
                    // documented
                }
            }
            default -> {
                // an arbitrary signature (strict DER for secp256k1) is false, never an exception
                PrivKey signer = mode == 3 ? SECP256K1 : ED25519;
                boolean verified = signer.publicKey().verify(MESSAGE, rest);
                if (verified) {
                    // only a real signature may verify; ECDSA signatures are randomised, so this is the only check
                    assertTrue(rest.length > 0);
                }
            }
        }
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
