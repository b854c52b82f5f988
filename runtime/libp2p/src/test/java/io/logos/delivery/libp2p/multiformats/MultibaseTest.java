package io.logos.delivery.libp2p.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vectors from multiformats/multibase tests/*.csv, plus RFC 4648 §10 for base32. */
class MultibaseTest {

    private static final byte[] YES_MANI = "yes mani !".getBytes(StandardCharsets.US_ASCII);

    @Test
    void decodesTheMultibaseTestVectors() {
        for (String text : new String[] {"f796573206d616e692021", "F796573206D616E692021", "bpfsxgidnmfxgsibb",
                "BPFSXGIDNMFXGSIBB", "k2lcpzo5yikidynfl", "K2LCPZO5YIKIDYNFL", "z7paNL19xttacUY"}) {
            assertArrayEquals(YES_MANI, Multibase.decode(text), text);
        }
        byte[] oneZero = concat(new byte[1], YES_MANI);
        for (String text : new String[] {"bab4wk4zanvqw42jaee", "k02lcpzo5yikidynfl", "z17paNL19xttacUY"}) {
            assertArrayEquals(oneZero, Multibase.decode(text), text);
        }
        byte[] twoZeros = concat(new byte[2], YES_MANI);
        for (String text : new String[] {"baaahszltebwwc3tjeaqq", "k002lcpzo5yikidynfl", "z117paNL19xttacUY"}) {
            assertArrayEquals(twoZeros, Multibase.decode(text), text);
        }
        byte[] helloWorld = "hello world".getBytes(StandardCharsets.US_ASCII);
        for (String text : new String[] {"bnbswy3dpeB3W64TMMQ", "Bnbswy3dpeB3W64TMMQ", "kfUvrsIvVnfRbjWaJo", "KfUVrSIVVnFRbJWAJo"}) {
            assertArrayEquals(helloWorld, Multibase.decode(text), text);
        }
    }

    @Test
    void encodesTheMultibaseTestVectors() {
        assertEquals("bpfsxgidnmfxgsibb", Multibase.encodeBase32(YES_MANI));
        assertEquals("baaahszltebwwc3tjeaqq", Multibase.encodeBase32(concat(new byte[2], YES_MANI)));
        assertEquals("7paNL19xttacUY", BaseX.BASE58_BTC.encode(YES_MANI));
        assertEquals("117paNL19xttacUY", BaseX.BASE58_BTC.encode(concat(new byte[2], YES_MANI)));
        assertEquals("02lcpzo5yikidynfl", BaseX.BASE36.encode(concat(new byte[1], YES_MANI)));
    }

    @Test
    void encodesTheRfc4648Base32Vectors() {
        String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
                {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (String[] vector : vectors) {
            byte[] bytes = vector[0].getBytes(StandardCharsets.US_ASCII);
            assertEquals(vector[1], Base32.encode(bytes));
            assertArrayEquals(bytes, Base32.decode(vector[1]));
        }
    }

    @Test
    void rejectsMalformedText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("?abc")).getMessage()
                .contains("unsupported multibase prefix '?'"));
        assertThrows(IllegalArgumentException.class, () -> Multibase.decode(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("z0OIl")).getMessage()
                .contains("'0' at position 0 is not a base58btc character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Base32.decode("my1")).getMessage()
                .contains("length 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Base32.decode("mz")).getMessage()
                .contains("trailing bits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Base32.decode("m8")).getMessage()
                .contains("'8' at position 1"));
        assertThrows(IllegalArgumentException.class, () -> Multibase.decode("fabc"));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(0xBA5E5L);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(60)];
            random.nextBytes(bytes);
            for (int z = random.nextInt(3); z > 0 && bytes.length > z; z--) {
                bytes[z - 1] = 0;
            }
            assertArrayEquals(bytes, Multibase.decode(Multibase.encodeBase32(bytes)));
            assertArrayEquals(bytes, BaseX.BASE58_BTC.decode(BaseX.BASE58_BTC.encode(bytes)));
            assertArrayEquals(bytes, BaseX.BASE36.decode(BaseX.BASE36.encode(bytes)));
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
