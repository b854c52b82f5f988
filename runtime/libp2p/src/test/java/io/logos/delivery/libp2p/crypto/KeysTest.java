package io.logos.delivery.libp2p.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KeysTest {

    // libp2p/specs peer-ids/peer-ids.md, "Test vectors"
    private static final String SPEC_ED25519_PRIVATE = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_ED25519_PUBLIC = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_SECP256K1_PRIVATE = "0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB";
    private static final String SPEC_SECP256K1_PUBLIC = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
    private static final String SPEC_ECDSA_PUBLIC = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";

    // go-libp2p core/crypto/test_data/2.{priv,pub,sig}: a secp256k1 key and its deterministic
    // signature of the fixture message
    private static final String GO_SECP256K1_PRIVATE = "080212203141bd606a504c44f23494d8f3174ef25b1fb9b52daa07d058be83b6e046b158";
    private static final String GO_SECP256K1_PUBLIC = "08021221023540ad842af8a43551a94d8383a555a99226506b88f953d2e70316a3a1b3d6a2";
    private static final String GO_SECP256K1_SIGNATURE = "3044022031a7d633c2f3e45a16128d43751afaa8dc9ba24092c5f5b3cad2c8fe4cf388f2022049ea8d219f458683d24775d543ea8fb290704347fb35493c403bc2c259b29d9e";
    private static final byte[] GO_FIXTURE_MESSAGE = "Libp2p is the _best_!".getBytes(StandardCharsets.US_ASCII);

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    @Test
    void specEd25519VectorsDeriveTheSpecPublicKeyAndRoundTrip() {
        PrivKey key = Keys.unmarshalPrivateKey(hex(SPEC_ED25519_PRIVATE));
        assertEquals(KeyType.ED25519, key.type());
        assertArrayEquals(hex(SPEC_ED25519_PUBLIC), key.publicKey().marshal());
        assertArrayEquals(hex(SPEC_ED25519_PRIVATE), key.marshal());
        assertEquals(key.publicKey(), Keys.unmarshalPublicKey(hex(SPEC_ED25519_PUBLIC)));
    }

    @Test
    void specSecp256k1VectorsDeriveTheSpecPublicKeyAndRoundTrip() {
        PrivKey key = Keys.unmarshalPrivateKey(hex(SPEC_SECP256K1_PRIVATE));
        assertEquals(KeyType.SECP256K1, key.type());
        assertArrayEquals(hex(SPEC_SECP256K1_PUBLIC), key.publicKey().marshal());
        assertArrayEquals(hex(SPEC_SECP256K1_PRIVATE), key.marshal());
        assertEquals(key.publicKey(), Keys.unmarshalPublicKey(hex(SPEC_SECP256K1_PUBLIC)));
    }

    @Test
    void secp256k1SignaturesMatchGoLibp2psFixtureByteForByte() {
        PrivKey key = Keys.unmarshalPrivateKey(hex(GO_SECP256K1_PRIVATE));
        assertArrayEquals(hex(GO_SECP256K1_PUBLIC), key.publicKey().marshal());
        assertArrayEquals(hex(GO_SECP256K1_SIGNATURE), key.sign(GO_FIXTURE_MESSAGE));
        assertTrue(Keys.unmarshalPublicKey(hex(GO_SECP256K1_PUBLIC)).verify(GO_FIXTURE_MESSAGE, hex(GO_SECP256K1_SIGNATURE)));
    }

    /** RFC 8032 §7.1, TEST 1 and TEST 2. */
    @Test
    void ed25519SignaturesMatchRfc8032() {
        assertRfc8032("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertRfc8032("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    private static void assertRfc8032(String seed, String publicKey, String message, String signature) {
        PrivKey key = Keys.privateKeyFromRaw(KeyType.ED25519, hex(seed + publicKey));
        assertArrayEquals(hex(publicKey), key.publicKey().raw());
        assertArrayEquals(hex(signature), key.sign(hex(message)));
        assertTrue(key.publicKey().verify(hex(message), hex(signature)));
    }

    @Test
    void rejectsKeyTypesThisStackDoesNotSupport() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Keys.unmarshalPublicKey(hex(SPEC_ECDSA_PUBLIC)));
        assertTrue(error.getMessage().contains("unsupported key type ECDSA"), error.getMessage());
    }

    @Test
    void rejectsMalformedProtobufs() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Keys.unmarshalPublicKey(hex("0802")))
                .getMessage().startsWith("not a libp2p PublicKey protobuf"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Keys.unmarshalPrivateKey(hex("ffff")))
                .getMessage().startsWith("not a libp2p PrivateKey protobuf"));
    }

    @Test
    void rejectsMalformedRawKeys() {
        assertMessage("a secp256k1 public key is a 33-byte compressed point", () -> Keys.publicKeyFromRaw(KeyType.SECP256K1, new byte[65]));
        byte[] badPrefix = new byte[33];
        badPrefix[0] = 4;
        assertMessage("starting 02 or 03", () -> Keys.publicKeyFromRaw(KeyType.SECP256K1, badPrefix));
        assertMessage("an Ed25519 public key is 32 bytes, got 31", () -> Keys.publicKeyFromRaw(KeyType.ED25519, new byte[31]));
        assertMessage("a secp256k1 private key is 32 bytes, got 31", () -> Keys.privateKeyFromRaw(KeyType.SECP256K1, new byte[31]));
        assertMessage("between 1 and the curve order", () -> Keys.privateKeyFromRaw(KeyType.SECP256K1, new byte[32]));
        assertMessage("64 bytes (seed and public key) or 96 bytes", () -> Keys.privateKeyFromRaw(KeyType.ED25519, new byte[32]));
    }

    @Test
    void ed25519PrivateKeyChecksItsEmbeddedPublicKey() {
        byte[] raw = Keys.unmarshalPrivateKey(hex(SPEC_ED25519_PRIVATE)).raw();
        byte[] legacy = new byte[96];
        System.arraycopy(raw, 0, legacy, 0, 64);
        System.arraycopy(raw, 32, legacy, 64, 32);
        assertEquals(Keys.privateKeyFromRaw(KeyType.ED25519, raw), Keys.privateKeyFromRaw(KeyType.ED25519, legacy));

        legacy[95] ^= 1;
        assertMessage("holds two different public keys", () -> Keys.privateKeyFromRaw(KeyType.ED25519, legacy));
        raw[63] ^= 1;
        assertMessage("does not belong to its seed", () -> Keys.privateKeyFromRaw(KeyType.ED25519, raw));
    }

    @Test
    void readsNwakuNodeKeys() {
        String scalar = "53dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb";
        PrivKey expected = Keys.unmarshalPrivateKey(hex(SPEC_SECP256K1_PRIVATE));
        assertEquals(expected, Keys.secp256k1FromNodeKey(scalar));
        assertEquals(expected, Keys.secp256k1FromNodeKey("0x" + scalar));
        assertEquals(expected, Keys.secp256k1FromNodeKey("0X" + scalar.toUpperCase() + "\n"));

        assertMessage("64 hex digits (optionally prefixed with 0x), got 63", () -> Keys.secp256k1FromNodeKey(scalar.substring(1)));
        assertMessage("'g' at position 3 is not one", () -> Keys.secp256k1FromNodeKey("53dg" + scalar.substring(4)));
        assertMessage("between 1 and the curve order", () -> Keys.secp256k1FromNodeKey("0".repeat(64)));
        assertMessage("between 1 and the curve order", () -> Keys.secp256k1FromNodeKey("f".repeat(64)));
    }

    @Test
    void generatedKeysDefaultToSecp256k1AndRoundTrip() {
        assertEquals(KeyType.SECP256K1, Keys.generate().type());
        for (KeyType type : KeyType.values()) {
            PrivKey key = Keys.generate(type);
            assertEquals(type, key.type());
            assertEquals(key, Keys.unmarshalPrivateKey(key.marshal()));
            assertEquals(key.publicKey(), Keys.unmarshalPublicKey(key.publicKey().marshal()));
            assertFalse(key.toString().contains(HexFormat.of().formatHex(key.raw()).substring(0, 16)), "toString leaks the secret");
        }
    }

    private static void assertMessage(String expectedPart, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().contains(expectedPart), () -> "message was: " + error.getMessage());
    }
}
