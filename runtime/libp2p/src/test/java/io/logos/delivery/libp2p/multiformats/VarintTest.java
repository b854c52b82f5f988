package io.logos.delivery.libp2p.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VarintTest {

    /** Examples from the multiformats unsigned-varint spec. */
    @Test
    void encodesTheSpecExamples() {
        assertEncoding(1, "01");
        assertEncoding(127, "7f");
        assertEncoding(128, "8001");
        assertEncoding(255, "ff01");
        assertEncoding(300, "ac02");
        assertEncoding(16384, "808001");
        assertEncoding(Long.MAX_VALUE, "ffffffffffffffff7f");
    }

    private static void assertEncoding(long value, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertArrayEquals(bytes, Varint.encode(value));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertEquals(value, Varint.read(in));
        assertFalse(in.hasRemaining());
    }

    @Test
    void rejectsTruncatedOverlongAndNonMinimalInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.wrap(new byte[] {(byte) 0x80})))
                .getMessage().contains("ends inside"));
        byte[] tenBytes = HexFormat.of().parseHex("80808080808080808001");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.wrap(tenBytes)))
                .getMessage().contains("longer than 9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0})))
                .getMessage().contains("minimally"));
        assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
    }

    @Test
    void roundTripsRandomValues() {
        Random random = new Random(0x7A51L);
        for (int i = 0; i < 5000; i++) {
            long value = (random.nextLong() >>> 1) >>> random.nextInt(63);
            ByteBuffer in = ByteBuffer.wrap(Varint.encode(value));
            assertEquals(value, Varint.read(in));
            assertFalse(in.hasRemaining());
        }
    }
}
