package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The unsigned-varint length prefixes of multiaddrs, peer ids, multistream-select, mplex and identify.
 * Input: one byte choosing the stream decoder's {@code maxBytes} (1 to 9), then the bytes to read.
 */
class VarintFuzzTest {

    @FuzzTest
    void readsAValueAsIncompleteOrRejectsIt(byte[] input) throws Exception {
        withinBudget(() -> check(input));
    }

    private static void check(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int maxBytes = 1 + (input[0] & 0xFF) % Varint.MAX_BYTES;
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);

        // the stream decoders' form: value, INCOMPLETE with the reader index untouched, or CorruptedFrameException
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        long streamValue;
        try {
            streamValue = Varint.read(in, maxBytes);
        } catch (CorruptedFrameException e) {
            assertEquals(0, in.readerIndex(), "a rejected varint must not be consumed");
            streamValue = -2;
        }
        if (streamValue == Varint.INCOMPLETE) {
            assertEquals(0, in.readerIndex(), "an incomplete varint must not be consumed");
            assertTrue(bytes.length < maxBytes, "INCOMPLETE although " + maxBytes + " bytes were there");
        } else if (streamValue >= 0) {
            // minimal encoding: the value re-encodes to exactly the bytes consumed
            int consumed = in.readerIndex();
            assertEquals(Varint.encodedLength(streamValue), consumed);
            assertArrayEquals(Arrays.copyOf(bytes, consumed), Varint.encode(streamValue));
        }

        // the byte-array form: value or IllegalArgumentException, agreeing with the stream form at 9 bytes
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long arrayValue;
        try {
            arrayValue = Varint.read(buffer);
            assertTrue(arrayValue >= 0, "negative varint " + arrayValue);
            assertEquals(Varint.encodedLength(arrayValue), buffer.position());
        } catch (IllegalArgumentException e) {
            assertEquals(0, buffer.position(), "a rejected varint must not be consumed");
            arrayValue = -2;
        }
        if (maxBytes == Varint.MAX_BYTES) {
            long expected = streamValue == Varint.INCOMPLETE ? -2 : streamValue;
            assertEquals(expected, arrayValue, "the two readers disagree");
        }
    }
}
