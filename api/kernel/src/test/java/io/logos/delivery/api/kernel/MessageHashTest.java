package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MessageHash as a value: construction, hex form, ordering. */
class MessageHashTest {

    private static final String R1 = "64cce733fed134e83da02b02c6f689814872b1a0ac97ea56b76095c3c72bfe05";

    @Test
    void ofCopiesAndChecksLength() {
        byte[] bytes = Vectors.HEX.parseHex(R1);
        MessageHash hash = MessageHash.of(bytes);
        bytes[0] = 0;
        assertEquals("0x" + R1, hash.toHex());
        hash.bytes()[0] = 0;
        assertEquals("0x" + R1, hash.toHex());
        assertArrayEquals(Vectors.HEX.parseHex(R1), hash.bytes());

        IllegalArgumentException shortHash = assertThrows(IllegalArgumentException.class,
                () -> MessageHash.of(new byte[31]));
        assertEquals("a message hash is 32 bytes, got 31", shortHash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageHash.of(new byte[33]));
        assertThrows(NullPointerException.class, () -> MessageHash.of(null));
    }

    @Test
    void fromHexAcceptsPrefixAndCase() {
        MessageHash expected = MessageHash.of(Vectors.HEX.parseHex(R1));
        assertEquals(expected, MessageHash.fromHex(R1));
        assertEquals(expected, MessageHash.fromHex("0x" + R1));
        assertEquals(expected, MessageHash.fromHex("0X" + R1));
        assertEquals(expected, MessageHash.fromHex("0x" + R1.toUpperCase()));
        assertEquals("0x" + R1, MessageHash.fromHex(R1.toUpperCase()).toHex());
    }

    @Test
    void fromHexRejectsBadInput() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> MessageHash.fromHex("0x1234"));
        assertTrue(length.getMessage().contains("64 hex digits"), length.getMessage());
        IllegalArgumentException digits = assertThrows(IllegalArgumentException.class,
                () -> MessageHash.fromHex("zz" + R1.substring(2)));
        assertTrue(digits.getMessage().contains("is hex"), digits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageHash.fromHex(""));
        assertThrows(IllegalArgumentException.class, () -> MessageHash.fromHex("0x" + R1 + "00"));
        assertThrows(NullPointerException.class, () -> MessageHash.fromHex(null));
    }

    @Test
    void compareToIsUnsigned() {
        byte[] low = new byte[32];
        low[0] = 0x7f;
        byte[] high = new byte[32];
        high[0] = (byte) 0x80;
        byte[] highest = new byte[32];
        Arrays.fill(highest, (byte) 0xff);
        MessageHash a = MessageHash.of(low);
        MessageHash b = MessageHash.of(high);
        MessageHash c = MessageHash.of(highest);
        MessageHash zero = MessageHash.of(new byte[32]);
        assertTrue(a.compareTo(b) < 0, "0x7f.. < 0x80..");
        assertTrue(b.compareTo(a) > 0);
        assertTrue(b.compareTo(c) < 0);
        assertTrue(zero.compareTo(a) < 0);
        assertEquals(0, a.compareTo(MessageHash.of(low)));

        List<MessageHash> hashes = new ArrayList<>(List.of(c, zero, b, a));
        Collections.sort(hashes);
        assertEquals(List.of(zero, a, b, c), hashes);
    }

    @Test
    void compareToAgreesWithHexOrder() {
        long seed = 77L;
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            byte[] x = new byte[32];
            byte[] y = new byte[32];
            random.nextBytes(x);
            random.nextBytes(y);
            if (random.nextBoolean()) {
                System.arraycopy(x, 0, y, 0, random.nextInt(32));
            }
            MessageHash hx = MessageHash.of(x);
            MessageHash hy = MessageHash.of(y);
            assertEquals(Integer.signum(hx.toHex().compareTo(hy.toHex())), Integer.signum(hx.compareTo(hy)),
                    "seed=" + seed + " case=" + i);
            assertEquals(hx, MessageHash.fromHex(hx.toHex()), "seed=" + seed + " case=" + i);
        }
    }

    @Test
    void equalsAndHashCode() {
        MessageHash a = MessageHash.fromHex(R1);
        MessageHash b = MessageHash.fromHex(R1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, MessageHash.of(new byte[32]));
        assertNotEquals(a, (Object) R1);
        assertEquals(32, MessageHash.SIZE);
    }
}
