package io.logos.delivery.kernel.enr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every way a record can be unacceptable is refused with a message saying which. */
class MalformedEnrTest {

    private static final PrivKey KEY = Keys.generate();
    private static final BigInteger CURVE_ORDER =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    @Test
    void aTamperedRecordFailsVerification() {
        byte[] bytes = Base64.getUrlDecoder().decode(EnrVectorTest.NWAKU_MULTIADDRS.substring(4));
        int ip = indexOf(bytes, HexFormat.of().parseHex("9fdff25e"));
        bytes[ip + 3] ^= 1; // 159.223.242.95

        assertRefused("the signature does not verify against the record's secp256k1 key", () -> Enr.decode(bytes));
    }

    @Test
    void aSignatureWithTheHighSIsRefusedAsMalleable() {
        byte[] bytes = Enr.parse(EnrVectorTest.EIP778_RECORD).toBytes();
        int s = 4 + 32; // list prefix f884, string prefix b840, then r
        BigInteger high = CURVE_ORDER.subtract(new BigInteger(1, Arrays.copyOfRange(bytes, s, s + 32)));
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, high), 0, bytes, s, 32);

        assertRefused("the signature has a high s value", () -> Enr.decode(bytes));
    }

    @Test
    void badTextIsRefused() {
        String base64 = EnrVectorTest.EIP778_RECORD.substring(4);
        assertRefused("a node record's text starts with 'enr:'", () -> Enr.parse(base64));
        assertRefused("is not base64url", () -> Enr.parse("enr:" + base64.replace('-', '+')));
        assertRefused("is not base64url", () -> Enr.parse("enr:-IS4Q*"));
        assertRefused("written without padding", () -> Enr.parse("enr:" + base64 + "=="));
        assertRefused("larger than 300 bytes", () -> Enr.parse("enr:" + "A".repeat(401)));
    }

    @Test
    void recordsOver300BytesAreRefused() {
        byte[] bytes = signed(List.of(seq(1), string("id"), string("v4"), string("secp256k1"), publicKey(),
                string("zz"), Rlp.encodeString(new byte[176])));
        assertEquals(301, bytes.length);

        assertRefused("the record is 301 bytes, more than the 300 EIP-778 allows", () -> Enr.decode(bytes));
    }

    @Test
    void nonCanonicalRlpIsRefused() {
        assertRefused("the byte 0x1 at offset 68 must be encoded as itself",
                () -> Enr.decode(signed(List.of(new byte[] {(byte) 0x81, 1}, string("id"), string("v4"),
                        string("secp256k1"), publicKey()))));
        assertRefused("seq is not a canonical integer: it has a leading zero byte",
                () -> Enr.decode(signed(List.of(new byte[] {(byte) 0x82, 0, 1}, string("id"), string("v4"),
                        string("secp256k1"), publicKey()))));
        byte[] longFormId = {(byte) 0xb8, 2, 'i', 'd'};
        assertRefused("the long form is used for 2 bytes",
                () -> Enr.decode(signed(List.of(seq(1), longFormId, string("v4"), string("secp256k1"), publicKey()))));
    }

    @Test
    void truncatedOrTrailingBytesAreRefused() {
        byte[] bytes = Enr.parse(EnrVectorTest.EIP778_RECORD).toBytes();

        assertRefused("runs past the end", () -> Enr.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertRefused("1 bytes follow the item", () -> Enr.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertRefused("a node record is an RLP list", () -> Enr.decode(Rlp.encodeString(bytes)));
        assertRefused("it has 3 items", () -> Enr.decode(Rlp.encodeList(List.of(seq(1), seq(1), seq(1)))));
    }

    @Test
    void keysMustBeSortedAndUnique() {
        assertRefused("the keys are not sorted: 'id' follows 'secp256k1'",
                () -> Enr.decode(signed(List.of(seq(1), string("secp256k1"), publicKey(), string("id"), string("v4")))));
        assertRefused("the key 'id' appears twice", () -> Enr.decode(signed(List.of(seq(1), string("id"),
                string("v4"), string("id"), string("v4"), string("secp256k1"), publicKey()))));
    }

    @Test
    void theV4IdentityAndItsKeyAreRequired() {
        assertRefused("the record has no 'id'",
                () -> Enr.decode(signed(List.of(seq(1), string("secp256k1"), publicKey()))));
        assertRefused("the identity scheme 'v5' is not supported",
                () -> Enr.decode(signed(List.of(seq(1), string("id"), string("v5"), string("secp256k1"), publicKey()))));
        assertRefused("a v4 record needs a 'secp256k1' public key",
                () -> Enr.decode(signed(List.of(seq(1), string("id"), string("v4")))));
        assertRefused("secp256k1: a secp256k1 public key is a 33-byte compressed point",
                () -> Enr.decode(signed(List.of(seq(1), string("id"), string("v4"), string("secp256k1"),
                        Rlp.encodeString(new byte[32])))));
    }

    @Test
    void malformedValuesOfKnownKeysAreRefused() {
        assertRefused("ip is 3 bytes, not 4", () -> Enr.decode(withField("ip", new byte[3])));
        assertRefused("tcp is 3 bytes, at most 2 allowed", () -> Enr.decode(withField("tcp", new byte[] {1, 0, 0})));
        assertRefused("waku2 is 2 bytes", () -> Enr.decode(withField("waku2", new byte[2])));
        assertRefused("rs announces 2 shards, so it must be 7 bytes, but it is 5",
                () -> Enr.decode(withField("rs", new byte[] {0, 1, 2, 0, 0})));
        assertRefused("rsv is 129 bytes", () -> Enr.decode(withField("rsv", new byte[129])));
        assertRefused("multiaddrs has an entry of length 0",
                () -> Enr.decode(withField("multiaddrs", new byte[] {0, 0})));
        assertRefused("multiaddrs has an entry of 9 bytes, but only 1 remain",
                () -> Enr.decode(withField("multiaddrs", new byte[] {0, 9, 4})));
    }

    @Test
    void multiaddrsEntriesThisStackCannotReadAreSkipped() {
        String unknownProtocol = "0003" + "e20300"; // protocol code 482, which this stack does not know
        String tcp = "0008" + "047f000001" + "061f40"; // /ip4/127.0.0.1/tcp/8000

        Enr enr = Enr.decode(withField("multiaddrs", HexFormat.of().parseHex(unknownProtocol + tcp)));

        assertEquals(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/8000")), enr.multiaddrs());
    }

    @Test
    void rsWinsOverRsv() {
        byte[] rsv = new byte[130];
        rsv[1] = 9;
        rsv[2] = 1;
        Enr enr = Enr.decode(signed(List.of(seq(1), string("id"), string("v4"), string("rs"),
                Rlp.encodeString(new byte[] {0, 2, 1, 0, 5}), string("rsv"), Rlp.encodeString(rsv),
                string("secp256k1"), publicKey())));

        assertEquals(new RelayShards(2, List.of(5)), enr.relayShards().orElseThrow());
    }

    @Test
    void onlySecp256k1KeysMakeRecords() {
        assertThrows(IllegalArgumentException.class, () -> new EnrBuilder(Keys.generate(KeyType.ED25519)));
    }

    /** A signed record with {@code key} holding {@code value} besides the identity. */
    private static byte[] withField(String key, byte[] value) {
        SortedMap<String, byte[]> pairs = new TreeMap<>(Map.of("id", string("v4"), "secp256k1", publicKey()));
        pairs.put(key, Rlp.encodeString(value));
        List<byte[]> content = new ArrayList<>(List.of(seq(1)));
        pairs.forEach((name, encoded) -> {
            content.add(string(name));
            content.add(encoded);
        });
        return signed(content);
    }

    /** [signature, content…], the signature by {@link #KEY} over the content exactly as given. */
    private static byte[] signed(List<byte[]> content) {
        List<byte[]> record = new ArrayList<>();
        record.add(Rlp.encodeString(V4Identity.sign(KEY, Rlp.encodeList(content))));
        record.addAll(content);
        return Rlp.encodeList(record);
    }

    private static byte[] seq(long value) {
        return Rlp.encodeUnsigned(value);
    }

    private static byte[] string(String text) {
        return Rlp.encodeString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] publicKey() {
        return Rlp.encodeString(KEY.publicKey().raw());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static void assertRefused(String expected, Executable decoding) {
        InvalidEnrException refused = assertThrows(InvalidEnrException.class, decoding);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
