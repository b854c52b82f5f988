package io.logos.delivery.kernel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.kernel.message.MalformedMessageException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The WakuMessage wire form against spec/core.md §1, and its rejections. */
class WakuMessageCodecTest {

    static final HexFormat HEX = HexFormat.of();
    static final MessageSizeLimit LIMIT = MessageSizeLimit.DEFAULT;

    static final byte[] PAYLOAD12 = HEX.parseHex("010203045445535405060708");
    static final String CONTENT_TOPIC = "/waku/2/default-content/proto";
    static final long TS = 0x175789bfa23f8400L;

    /** nwaku writes every field, even empty and zero ones. */
    static final String NWAKU_FORM = "0a0c010203045445535405060708121d2f77616b752f322f64656661756c742d636f6e74656e74"
            + "2f70726f746f1800508090fca3f4efc4d72e5a00aa0100f80100";
    /** A standard proto3 encoder leaves out default values. */
    static final String MINIMAL_FORM = "0a0c010203045445535405060708121d2f77616b752f322f64656661756c742d636f6e74656e"
            + "742f70726f746f508090fca3f4efc4d72e";

    /** The field-1 and field-2 bytes of the vectors: {@code 0a 0c <payload12>} and {@code 12 1d <topic>}. */
    static final String FIELD1 = "0a0c010203045445535405060708";
    static final String FIELD2 = "121d2f77616b752f322f64656661756c742d636f6e74656e742f70726f746f";

    private static WakuMessage vectorMessage() {
        return WakuMessage.builder().payload(PAYLOAD12).contentTopic(CONTENT_TOPIC).timestamp(TS).build();
    }

    private static MalformedMessageException rejected(String hex, Reason reason, String detail) {
        return rejected(HEX.parseHex(hex), LIMIT, reason, detail);
    }

    private static MalformedMessageException rejected(byte[] bytes, MessageSizeLimit limit, Reason reason,
                                                      String detail) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> WakuMessageCodec.decode(bytes, limit));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed WakuMessage: "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), "expected '" + detail + "' in: " + e.getMessage());
        MalformedMessageException fromBuffer = assertThrows(MalformedMessageException.class,
                () -> WakuMessageCodec.decode(ByteBuffer.wrap(bytes), limit));
        assertEquals(reason, fromBuffer.reason());
        return e;
    }

    @Test
    void encodesTheNwakuVectorByteForByte() {
        assertEquals(NWAKU_FORM, HEX.formatHex(WakuMessageCodec.encode(vectorMessage())));
        assertEquals(NWAKU_FORM.length() / 2, WakuMessageCodec.encodedSize(vectorMessage()));
    }

    @Test
    void emptyAndZeroFieldsAreStillWritten() {
        WakuMessage empty = WakuMessage.builder().contentTopic("").build();
        // 0a 00 | 12 00 | 18 00 | 50 00 | 5a 00 | aa 01 00 | f8 01 00
        assertEquals("0a00120018005000" + "5a00aa0100f80100", HEX.formatHex(WakuMessageCodec.encode(empty)));
        assertEquals(empty, WakuMessageCodec.decode(WakuMessageCodec.encode(empty), LIMIT));
    }

    @Test
    void bothFormsDecodeToTheSameMessageAndHash() {
        WakuMessage fromNwaku = WakuMessageCodec.decode(HEX.parseHex(NWAKU_FORM), LIMIT);
        WakuMessage fromMinimal = WakuMessageCodec.decode(HEX.parseHex(MINIMAL_FORM), LIMIT);
        assertEquals(vectorMessage(), fromNwaku);
        assertEquals(fromNwaku, fromMinimal);
        assertArrayEquals(PAYLOAD12, fromMinimal.payload());
        assertEquals(CONTENT_TOPIC, fromMinimal.contentTopic());
        assertEquals(TS, fromMinimal.timestamp());
        assertEquals(0, fromMinimal.version());
        assertEquals(0, fromMinimal.meta().length);
        assertEquals(0, fromMinimal.rateLimitProof().length);
        assertFalse(fromMinimal.ephemeral());

        PubsubTopic rs00 = PubsubTopic.of("/waku/2/rs/0/0");
        MessageHash hash = MessageHash.compute(rs00, fromNwaku);
        assertEquals(hash, MessageHash.compute(rs00, fromMinimal));
        // nwaku test_message_digest.nim vector N1: same inputs
        assertEquals("0xcccab07fed94181c83937c8ca8340c9108492b7ede354a6d95421ad34141fd37", hash.toHex());
    }

    @Test
    void reEncodingTheMinimalFormGivesTheNwakuForm() {
        byte[] reEncoded = WakuMessageCodec.encode(WakuMessageCodec.decode(HEX.parseHex(MINIMAL_FORM), LIMIT));
        assertEquals(NWAKU_FORM, HEX.formatHex(reEncoded));
    }

    @Test
    void decodesFromAByteBuffer() {
        byte[] framed = HEX.parseHex("ffff" + NWAKU_FORM + "eeee");
        ByteBuffer buffer = ByteBuffer.wrap(framed, 2, framed.length - 4);
        assertEquals(vectorMessage(), WakuMessageCodec.decode(buffer, LIMIT));
        assertEquals(0, buffer.remaining());
        ByteBuffer bad = ByteBuffer.wrap(HEX.parseHex("0a0c0102"));
        assertThrows(MalformedMessageException.class, () -> WakuMessageCodec.decode(bad, LIMIT));
        assertEquals(0, bad.position(), "a rejected buffer is left unchanged");
        ByteBuffer direct = ByteBuffer.allocateDirect(NWAKU_FORM.length() / 2).put(HEX.parseHex(NWAKU_FORM)).flip();
        assertEquals(vectorMessage(), WakuMessageCodec.decode(direct, LIMIT));
    }

    @Test
    void allFieldsRoundTrip() {
        WakuMessage message = WakuMessage.builder().payload(PAYLOAD12).contentTopic(CONTENT_TOPIC)
                .version(WakuMessage.MAX_VERSION).timestamp(-1234567890123L).meta(new byte[64])
                .rateLimitProof(new byte[] {1, 2, 3}).ephemeral(true).build();
        assertEquals(message, WakuMessageCodec.decode(WakuMessageCodec.encode(message), LIMIT));
        // version 0xffffffff is a 5-byte varint; timestamp -1 zig-zags to 1
        assertTrue(HEX.formatHex(WakuMessageCodec.encode(message)).contains("18ffffffff0f"));
        WakuMessage minusOne = WakuMessage.builder().contentTopic("t").timestamp(-1).build();
        assertTrue(HEX.formatHex(WakuMessageCodec.encode(minusOne)).contains("5001"));
        assertEquals(-1, WakuMessageCodec.decode(WakuMessageCodec.encode(minusOne), LIMIT).timestamp());
    }

    @Test
    void missingPayloadIsRejected() {
        rejected(FIELD2 + "508090fca3f4efc4d72e", Reason.MISSING_FIELD, "missing required field payload (1)");
        // an empty input is valid protobuf with no fields
        rejected("", Reason.MISSING_FIELD, "missing required field payload (1)");
    }

    @Test
    void missingContentTopicIsRejected() {
        rejected(FIELD1 + "508090fca3f4efc4d72e", Reason.MISSING_FIELD, "missing required field content_topic (2)");
        rejected("0a00", Reason.MISSING_FIELD, "missing required field content_topic (2)");
    }

    @Test
    void presentButEmptyPayloadAndTopicAreAccepted() {
        WakuMessage message = WakuMessageCodec.decode(HEX.parseHex("0a001200"), LIMIT);
        assertEquals(0, message.payloadSize());
        assertEquals("", message.contentTopic());
    }

    @Test
    void metaOfSixtyFiveBytesIsRejected() {
        String meta64 = "5a40" + "00".repeat(64);
        assertEquals(64, WakuMessageCodec.decode(HEX.parseHex(FIELD1 + FIELD2 + meta64), LIMIT).meta().length);
        String meta65 = "5a41" + "00".repeat(65);
        MalformedMessageException e = rejected(FIELD1 + FIELD2 + meta65, Reason.INVALID_FIELD,
                "meta (11) is 65 bytes; at most 64 are allowed");
        assertEquals("malformed WakuMessage: meta (11) is 65 bytes; at most 64 are allowed", e.getMessage());
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] full = HEX.parseHex(NWAKU_FORM);
        int endOfField2 = (FIELD1 + FIELD2).length() / 2;
        for (int length = 0; length < full.length; length++) {
            byte[] prefix = Arrays.copyOf(full, length);
            try {
                WakuMessage decoded = WakuMessageCodec.decode(prefix, LIMIT);
                // only a prefix that ends on a field boundary after field 2 is a whole message
                assertTrue(length >= endOfField2, "prefix " + length + " decoded to " + decoded);
                assertEquals(CONTENT_TOPIC, decoded.contentTopic());
            } catch (MalformedMessageException e) {
                assertTrue(e.reason() == Reason.INVALID_PROTOBUF || e.reason() == Reason.MISSING_FIELD,
                        "prefix " + length + ": " + e.getMessage());
            }
        }
        // cut inside the payload
        rejected("0a0c01020304", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
        // cut inside the timestamp varint
        rejected(FIELD1 + FIELD2 + "508090", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
        // cut inside a two-byte tag
        rejected(FIELD1 + FIELD2 + "aa", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
    }

    @Test
    void garbageIsRejected() {
        rejected("00", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
        rejected("ffffffffffffffffffffff", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
        rejected("0f", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding"); // wire type 7
        rejected("0aff", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding"); // truncated length
        rejected(FIELD1 + "1202c328", Reason.INVALID_PROTOBUF, "not a valid protobuf encoding"); // bad UTF-8
        byte[] text = "hello, this is not protobuf".getBytes(StandardCharsets.US_ASCII);
        assertThrows(MalformedMessageException.class, () -> WakuMessageCodec.decode(text, LIMIT));
    }

    @Test
    void unknownFieldsAreIgnored() {
        WakuMessage decoded = WakuMessageCodec.decode(HEX.parseHex(FIELD1 + FIELD2 + "2005" + "3a03616263"), LIMIT);
        assertEquals(WakuMessage.builder().payload(PAYLOAD12).contentTopic(CONTENT_TOPIC).build(), decoded);
    }

    @Test
    void sizeLimitAppliesToTheEncodedBytes() {
        WakuMessage atLimit = messageOfEncodedSize(LIMIT.bytes());
        byte[] encoded = WakuMessageCodec.encode(atLimit);
        assertEquals(153_600, encoded.length);
        assertEquals(atLimit, WakuMessageCodec.decode(encoded, LIMIT));
        assertArrayEquals(encoded, WakuMessageCodec.encode(atLimit, LIMIT));

        WakuMessage overLimit = messageOfEncodedSize(LIMIT.bytes() + 1);
        byte[] over = WakuMessageCodec.encode(overLimit);
        assertEquals(153_601, over.length);
        MalformedMessageException e = rejected(over, LIMIT, Reason.TOO_LARGE,
                "153601 bytes is larger than the limit of 153600 bytes");
        assertEquals("malformed WakuMessage: 153601 bytes is larger than the limit of 153600 bytes", e.getMessage());
        IllegalArgumentException encodeOver = assertThrows(IllegalArgumentException.class,
                () -> WakuMessageCodec.encode(overLimit, LIMIT));
        assertTrue(encodeOver.getMessage().contains("153601 bytes, larger than the limit of 153600"),
                encodeOver.getMessage());
    }

    @Test
    void sizeIsCheckedBeforeParsing() {
        // garbage that is too large is reported as too large: it was never parsed
        byte[] garbage = new byte[101];
        Arrays.fill(garbage, (byte) 0xff);
        rejected(garbage, new MessageSizeLimit(100), Reason.TOO_LARGE, "101 bytes is larger than the limit of 100");
        rejected(garbage, new MessageSizeLimit(101), Reason.INVALID_PROTOBUF, "not a valid protobuf encoding");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> WakuMessageCodec.encode(null));
        assertThrows(NullPointerException.class, () -> WakuMessageCodec.decode((byte[]) null, LIMIT));
        assertThrows(NullPointerException.class, () -> WakuMessageCodec.decode(new byte[0], null));
        assertThrows(NullPointerException.class, () -> WakuMessageCodec.encode(vectorMessage(), null));
    }

    @Test
    void onlyTheCodecPackageIsExported() {
        Module module = WakuMessageCodec.class.getModule();
        assertTrue(module.isNamed(), "tests run on the module path");
        assertEquals("io.logos.delivery.kernel", module.getName());
        assertTrue(module.isExported("io.logos.delivery.kernel.message"));
        assertFalse(module.isExported("io.logos.delivery.kernel.proto"));
    }

    @Test
    void generatedClassesStayReflectableByProtobuf() {
        // protobuf-java's descriptor-based paths (toString, getAllFields) need the qualified opens
        io.logos.delivery.kernel.proto.WakuMessage proto = io.logos.delivery.kernel.proto.WakuMessage.newBuilder()
                .setContentTopic("x").setVersion(3).build();
        assertEquals(2, proto.getAllFields().size());
        assertTrue(proto.toString().contains("content_topic: \"x\""), proto.toString());
    }

    /** A message whose nwaku-form encoding is exactly {@code size} bytes. */
    static WakuMessage messageOfEncodedSize(int size) {
        WakuMessage.Builder builder = WakuMessage.builder().contentTopic(CONTENT_TOPIC).timestamp(TS);
        int payload = size - WakuMessageCodec.encodedSize(builder.build());
        while (true) {
            WakuMessage candidate = builder.payload(new byte[payload]).build();
            int encoded = WakuMessageCodec.encodedSize(candidate);
            if (encoded == size) {
                return candidate;
            }
            payload -= encoded - size;
        }
    }
}
