package io.logos.delivery.api.kernel;

import static io.logos.delivery.api.kernel.Vectors.DEFAULT_CONTENT_TOPIC;
import static io.logos.delivery.api.kernel.Vectors.DEFAULT_WAKU;
import static io.logos.delivery.api.kernel.Vectors.HEX;
import static io.logos.delivery.api.kernel.Vectors.META12;
import static io.logos.delivery.api.kernel.Vectors.META64;
import static io.logos.delivery.api.kernel.Vectors.PAYLOAD12;
import static io.logos.delivery.api.kernel.Vectors.RS_0_0;
import static io.logos.delivery.api.kernel.Vectors.TS;
import static io.logos.delivery.api.kernel.Vectors.hex;
import static io.logos.delivery.api.kernel.Vectors.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every deterministic-hash vector of spec/core.md §5. */
class MessageHashVectorTest {

    private static final byte[] EMPTY = new byte[0];

    private static String hash(String pubsub, byte[] payload, String contentTopic, byte[] meta, long ts) {
        return hex(MessageHash.compute(PubsubTopic.of(pubsub), message(payload, contentTopic, meta, ts)));
    }

    // RFC 14 / js-waku vectors, pubsub /waku/2/default-waku/proto

    @Test
    void r1PayloadMeta12Timestamp() {
        assertEquals("64cce733fed134e83da02b02c6f689814872b1a0ac97ea56b76095c3c72bfe05",
                hash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, META12, TS));
    }

    @Test
    void r2PayloadMeta64Timestamp() {
        assertEquals("7158b6498753313368b9af8f6e0a0a05104f68f972981da42a43bc53fb0c1b27",
                hash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, META64, TS));
    }

    @Test
    void r3PayloadNoMetaTimestamp() {
        assertEquals("a2554498b31f5bcdfcbf7fa58ad1c2d45f0254f3f8110a85588ec3cf10720fd8",
                hash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, TS));
    }

    @Test
    void r4EmptyPayloadMeta12Timestamp() {
        assertEquals("483ea950cb63f9b9d6926b262bb36194d3f40a0463ce8446228350bd44e96de4",
                hash(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, TS));
    }

    // Absent timestamp: we follow nwaku (8 zero bytes); js-waku omits them (ADR 0002)

    @Test
    void absentTimestampFollowsNwakuD1NotJsWakuJ1() {
        String ours = hash(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, 0);
        assertEquals("58e2fc032a82c4adeb967a8b87086d0d6fb304912f120d4404e6236add8f1f56", ours, "D1 (nwaku rule)");

        String jsStyle = HEX.formatHex(Vectors.jsStyle(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, 0));
        assertEquals("e1a9596237dbe2cc8aaf4b838c46a7052df6bc0d42ba214b998a8bfdbe8487d6", jsStyle,
                "J1 (js-waku rule, hand-computed without the 8 timestamp bytes)");
        assertNotEquals(jsStyle, ours);

        String nwakuStyle = HEX.formatHex(Vectors.nwakuStyle(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, 0));
        assertEquals(ours, nwakuStyle);
    }

    @Test
    void absentTimestampD2IsJsStyleAndDiffersFromOurs() {
        String ours = hash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0);
        String jsStyle = HEX.formatHex(Vectors.jsStyle(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0));
        assertEquals("87619d05e563521d9126749b45bd4cc2430df0607e77e23572d874ed9c1aaa62", jsStyle, "D2 (js-waku rule)");
        assertNotEquals(jsStyle, ours);
        assertEquals(HEX.formatHex(Vectors.nwakuStyle(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0)), ours);
    }

    @Test
    void absentTimestampD3IsJsStyleAndDiffersFromOurs() {
        String ours = hash(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0);
        String jsStyle = HEX.formatHex(Vectors.jsStyle(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0));
        assertEquals("86820f15edb219594f0851f1dd4fd918784d08dd19fa3d373684b23e0bbfcab2", jsStyle, "D3 (js-waku rule)");
        assertNotEquals(jsStyle, ours);
        assertEquals(HEX.formatHex(Vectors.nwakuStyle(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, 0)), ours);
    }

    @Test
    void j2WithTimestampAgreesWithJsWaku() {
        long ts = 1714474454978000000L;
        assertEquals(0x17cb096ee171f480L, ts);
        WakuMessage message = WakuMessage.builder().payload(EMPTY).contentTopic(DEFAULT_CONTENT_TOPIC).meta(META12)
                .timestamp(ts).version(0).build();
        assertEquals("3f11bc950dce0e3ffdcf205ae6414c01130bb5d9f20644869bff80407fa52c8f",
                hex(MessageHash.compute(PubsubTopic.of(DEFAULT_WAKU), message)));
        // with a timestamp the two rules agree
        assertEquals(HEX.formatHex(Vectors.jsStyle(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, ts)),
                hex(MessageHash.compute(PubsubTopic.of(DEFAULT_WAKU), message)));
    }

    // nwaku test_message_digest.nim vectors, pubsub /waku/2/rs/0/0

    @Test
    void n1PayloadEmptyMeta() {
        assertEquals("cccab07fed94181c83937c8ca8340c9108492b7ede354a6d95421ad34141fd37",
                hash(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, TS));
    }

    @Test
    void n2PayloadMeta12() {
        assertEquals("b9b4852f9d8c489846e8bfc6c5ca6a1a8d460a40d28832a966e029eb39619199",
                hash(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, META12, TS));
    }

    @Test
    void n3PayloadMeta64() {
        assertEquals("653460d04f66c5b11814d235152f4f246e6f03ef80a305a825913636fbafd0ba",
                hash(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, META64, TS));
    }

    @Test
    void n4EmptyPayloadMeta12() {
        assertEquals("0f6448cc23b2db6c696aa6ab4b693eff4cf3549ff346fe1dbeb281697396a09f",
                hash(RS_0_0, EMPTY, DEFAULT_CONTENT_TOPIC, META12, TS));
    }

    // go-waku utils_test.go vectors, ts = 123456789123456789, version 1 (not hashed)

    private static final long GO_TS = 123456789123456789L;

    private static String goHash(String pubsub, byte[] payload, String contentTopic, byte[] meta, long ts) {
        WakuMessage message = WakuMessage.builder().payload(payload).contentTopic(contentTopic).meta(meta)
                .timestamp(ts).version(1).build();
        return hex(MessageHash.compute(PubsubTopic.of(pubsub), message));
    }

    @Test
    void goWakuTimestampBytes() {
        assertEquals("01b69b4bacd05f15", HEX.formatHex(ByteBuffer.allocate(8).putLong(GO_TS).array()));
        assertEquals("0000000000002710", HEX.formatHex(ByteBuffer.allocate(8).putLong(10000).array()));
        assertEquals("0000000000989680", HEX.formatHex(ByteBuffer.allocate(8).putLong(10000000).array()));
    }

    @Test
    void g1NamedPubsubTopicAndFreeFormContentTopic() {
        assertEquals("b659607f2aae18848dcaa7d51cb37e6cc6fc33402c704ff0c016337d83ad6150",
                goHash("test", "Hello World".getBytes(StandardCharsets.UTF_8), "Test", EMPTY, GO_TS));
    }

    @Test
    void g2PayloadEmptyMeta() {
        assertEquals("f0183c2e370e473ff471bbe1028d0d8a940949c02f3007a1ccd21fed356852a0",
                goHash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, GO_TS));
    }

    @Test
    void g3PayloadMeta12() {
        assertEquals("f673cd2c9c973d685b52ca74c2559e001733a3a31a49ffc7b6e8713decba5a55",
                goHash(DEFAULT_WAKU, PAYLOAD12, DEFAULT_CONTENT_TOPIC, META12, GO_TS));
    }

    @Test
    void g4EmptyPayloadMeta12() {
        assertEquals("978ccc9a665029f9829d42d84e3a49ad3a4791cce53fb5a8b581ef43ad6b4d2f",
                goHash(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, GO_TS));
    }

    @Test
    void g5AbsentTimestampEqualsD1() {
        String g5 = goHash(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, 0);
        assertEquals("58e2fc032a82c4adeb967a8b87086d0d6fb304912f120d4404e6236add8f1f56", g5);
        assertEquals(hash(DEFAULT_WAKU, EMPTY, DEFAULT_CONTENT_TOPIC, META12, 0), g5, "G5 == D1");
    }

    @Test
    void negativeTimestampIsHashedAsItsUnsignedBits() {
        long ts = -1L;
        assertEquals(HEX.formatHex(Vectors.nwakuStyle(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, ts)),
                hash(RS_0_0, PAYLOAD12, DEFAULT_CONTENT_TOPIC, EMPTY, ts));
    }

    @Test
    void textualFormIsZeroXLowercaseHex() {
        MessageHash r1 = MessageHash.compute(PubsubTopic.of(DEFAULT_WAKU),
                message(PAYLOAD12, DEFAULT_CONTENT_TOPIC, META12, TS));
        assertEquals("0x64cce733fed134e83da02b02c6f689814872b1a0ac97ea56b76095c3c72bfe05", r1.toHex());
        assertEquals(r1.toHex(), r1.toString());
    }
}
