package io.logos.delivery.libp2p.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

class VarintByteBufTest {

    @Test
    void encodesTheSpecExamples() {
        assertEncoding(1, 0x01);
        assertEncoding(127, 0x7f);
        assertEncoding(128, 0x80, 0x01);
        assertEncoding(255, 0xff, 0x01);
        assertEncoding(300, 0xac, 0x02);
        assertEncoding(16384, 0x80, 0x80, 0x01);
    }

    @Test
    void leavesAnIncompleteVarintUnread() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80});
        assertEquals(Varint.INCOMPLETE, Varint.read(in, Varint.MAX_BYTES));
        assertEquals(0, in.readerIndex());
    }

    @Test
    void rejectsTooLongAndNonMinimalVarints() {
        ByteBuf tooLong = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThrows(CorruptedFrameException.class, () -> Varint.read(tooLong, 2));
        ByteBuf nonMinimal = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x00});
        assertThrows(CorruptedFrameException.class, () -> Varint.read(nonMinimal, 9));
    }

    @Test
    void roundTripsLargeValues() {
        long value = (1L << 60) - 1;
        ByteBuf buf = Unpooled.buffer();
        Varint.write(buf, value);
        assertEquals(Varint.encodedLength(value), buf.readableBytes());
        assertEquals(value, Varint.read(buf, Varint.MAX_BYTES));
    }

    private static void assertEncoding(long value, int... bytes) {
        ByteBuf buf = Unpooled.buffer();
        Varint.write(buf, value);
        assertEquals(bytes.length, buf.readableBytes(), "length of " + value);
        for (int i = 0; i < bytes.length; i++) {
            assertEquals(bytes[i], buf.getUnsignedByte(i), "byte " + i + " of " + value);
        }
        assertEquals(bytes.length, Varint.encodedLength(value));
        assertEquals(value, Varint.read(buf, Varint.MAX_BYTES));
    }
}
