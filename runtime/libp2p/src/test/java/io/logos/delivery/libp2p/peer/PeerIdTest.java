package io.logos.delivery.libp2p.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.crypto.SeededRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PeerIdTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    /** The peer-ids spec's Ed25519 and secp256k1 public key vectors (identity multihash). */
    @Test
    void derivesPeerIdsOfTheSpecKeys() {
        PubKey ed25519 = Keys.unmarshalPublicKey(hex("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
        PeerId ed25519Id = PeerId.fromPublicKey(ed25519);
        assertEquals("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", ed25519Id.toString());
        assertArrayEquals(hex("0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"), ed25519Id.toBytes());

        PubKey secp256k1 = Keys.unmarshalPublicKey(hex("08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99"));
        assertEquals("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY", PeerId.fromPublicKey(secp256k1).toBase58());
    }

    /** jvm-libp2p PeerIdTest and a js-libp2p secp256k1 peer id. */
    @Test
    void derivesSecp256k1PeerIdsOtherImplementationsDerive() {
        PubKey key = Keys.unmarshalPublicKey(hex("08021221030995d3b6ca88154681092a6772b26de6418eaa01672775bfe9642b33d1f97227"));
        assertEquals("16Uiu2HAmDJQXZM39z5TzoZN7Sw8tbwjR6Evg9CFmiWhLbnSFGADL", PeerId.fromPublicKey(key).toString());

        PrivKey goKey = Keys.unmarshalPrivateKey(hex("080212206FD7AF84823661AE4F0FDB05D83BD5569B4270FE94C8AD79CCB7E3F843DEFCB1"));
        assertEquals("16Uiu2HAmH6m8pE7pXsfzXHg3Z5kLzgwJ5PWSYELaKXc75Bs2utZM", PeerId.fromPublicKey(goKey.publicKey()).toString());

        PrivKey jsKey = Keys.secp256k1FromNodeKey("0xdb82e7408fbe37e0641087557f3535a34049d19d27f6939f43b47418cd981434");
        assertEquals("16Uiu2HAmE1zdG92om3Y49m3ZeT5T3jAZCZ1w7JGWi93NWGRbjmW1", PeerId.fromPublicKey(jsKey.publicKey()).toString());
    }

    /** jvm-libp2p PeerIdTest: a 2048-bit RSA key marshals to more than 42 bytes and is hashed. */
    @Test
    void hashesKeysLongerThan42BytesWithSha256() {
        byte[] rsaPublicKey = hex("080012a60230820122300d06092a864886f70d01010105000382010f003082010a0282010100baa3fd95db3f6179ce6b0f1c0c130f2fafbb3ddb20b77bac8a1a408c84af6e3de7dc09dc74cc117360ec6100fe146b7e1a298a546aa8b7b2e1de81780cc0bf888b53bf9cb5fc8145b83b34a6eb93fa41e15d5e03bb492d87f9d76b6b3b77f2d7c879cf1715ce2bde1552050f3556d42fb466e7a5eb2b9fd74f8c6dad741d4dcfde046173cb0385c498a781ea5bccb253175868384f32ac9b2579374d2e9a187acba3abb4f16a5c01c6cbfafddfb75793062e3b7a5c753e6fdfa6f7c7654466f33164680c37545a3954fd1636fdc985f6fd2237f96c949d492df0ad7686f9a72760182d3264103825e4277e1f68c03b906b3e747d5a73b6673c73890128c565170203010001");
        PeerId id = PeerId.fromMarshalledPublicKey(rsaPublicKey);
        assertArrayEquals(hex("12201133e39444593a3f91c45aba4f44099fc7246866af9917f8648160180b3ec6ac"), id.toBytes());
        assertEquals(Optional.empty(), id.extractPublicKey());

        PeerId fromHex = PeerId.fromBytes(hex("1220593cd036d6ac062ca1c332c15aca7a7b8ed7c9a004b34046e58f2aa6439102b5"));
        assertEquals("QmULzn6KtFUCKpkFymEUgUvkLtv9j2Eo4utZPELmQEebR6", fromHex.toBase58());
    }

    /** The spec's examples: its CID and its raw base58 SHA-256 peer id name the same peer. */
    @Test
    void parsesBothTextFormsOfTheSpecExamples() {
        PeerId fromCid = PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        PeerId fromBase58 = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertEquals(fromBase58, fromCid);
        assertEquals("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe", fromBase58.toCidString());
        assertEquals("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", fromCid.toString());

        PeerId ed25519 = PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        PubKey inlined = ed25519.extractPublicKey().orElseThrow();
        assertEquals(KeyType.ED25519, inlined.type());
        assertTrue(ed25519.matches(inlined));
        assertEquals(ed25519, PeerId.parse(ed25519.toCidString()));
    }

    /** Peer ids from go-multiaddr's test addresses: base32 and base36 CIDs. */
    @Test
    void parsesCidFormsInOtherMultibases() {
        assertEquals(PeerId.parse("12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"),
                PeerId.parse("bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u"));
        assertEquals(PeerId.parse("k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs"),
                PeerId.parse(PeerId.parse("k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs").toBase58()));
        PeerId.parse("k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7");
    }

    @Test
    void rejectsTextThatIsNoPeerId() {
        assertMessage("sha2-256 digest must be 32 bytes", () -> PeerId.parse("QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY"));
        assertMessage("libp2p-key codec", () -> PeerId.parse("k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z"));
        assertMessage("unsupported multibase prefix '?'", () -> PeerId.parse("?unknownmultibase"));
        assertMessage("is not a base58btc character", () -> PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5S0"));
        assertMessage("empty", () -> PeerId.parse(""));
        assertMessage("only identity (0x00) and sha2-256 (0x12)", () -> PeerId.fromBytes(hex("1114" + "00".repeat(20))));
        assertMessage("announces a 32-byte digest but carries 31", () -> PeerId.fromBytes(hex("1220" + "00".repeat(31))));
        assertMessage("not a multihash", () -> PeerId.fromBytes(new byte[0]));
    }

    @Test
    void extractPublicKeyRejectsInlinedGarbage() {
        PeerId id = PeerId.fromBytes(hex("0003010203"));
        assertThrows(IllegalArgumentException.class, id::extractPublicKey);
    }

    @Test
    void roundTripsGeneratedKeysThroughEveryForm() {
        SeededRandom random = new SeededRandom(0x9EE21DL);
        for (int i = 0; i < 40; i++) {
            PrivKey key = Keys.generate(KeyType.values()[i % 2], random);
            PeerId id = PeerId.fromPublicKey(key.publicKey());
            assertTrue(id.toBase58().startsWith(key.type() == KeyType.ED25519 ? "12D3KooW" : "16Uiu2"));
            assertTrue(id.toCidString().startsWith("bafz"));
            assertEquals(id, PeerId.parse(id.toBase58()));
            assertEquals(id, PeerId.parse(id.toCidString()));
            assertEquals(id, PeerId.fromBytes(id.toBytes()));
            assertEquals(id.hashCode(), PeerId.fromBytes(id.toBytes()).hashCode());
            assertEquals(Optional.of(key.publicKey()), id.extractPublicKey());
            assertTrue(id.matches(key.publicKey()));
            assertFalse(id.matches(Keys.generate(key.type(), random).publicKey()));
            assertNotEquals(id, PeerId.fromPublicKey(Keys.generate(key.type(), random).publicKey()));
        }
    }

    private static void assertMessage(String expectedPart, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().contains(expectedPart), () -> "message was: " + error.getMessage());
    }
}
