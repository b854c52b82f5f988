package io.logos.delivery.api.kernel;

import static io.logos.delivery.api.kernel.Vectors.META12;
import static io.logos.delivery.api.kernel.Vectors.META64;
import static io.logos.delivery.api.kernel.Vectors.PAYLOAD12;
import static io.logos.delivery.api.kernel.Vectors.TS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WakuMessage validation, immutability and equality. */
class WakuMessageTest {

    private static WakuMessage.Builder full() {
        return WakuMessage.builder().payload(PAYLOAD12).contentTopic(ContentTopic.DEFAULT).version(1).timestamp(TS)
                .meta(META12).rateLimitProof(new byte[] {9, 8, 7}).ephemeral(true);
    }

    @Test
    void defaults() {
        WakuMessage message = WakuMessage.builder().contentTopic("/waku/2/default-content/proto").build();
        assertEquals(0, message.payloadSize());
        assertArrayEquals(new byte[0], message.payload());
        assertEquals(0, message.version());
        assertEquals(0, message.timestamp());
        assertArrayEquals(new byte[0], message.meta());
        assertArrayEquals(new byte[0], message.rateLimitProof());
        assertFalse(message.ephemeral());
    }

    @Test
    void accessors() {
        WakuMessage message = full().build();
        assertArrayEquals(PAYLOAD12, message.payload());
        assertEquals(12, message.payloadSize());
        assertEquals("/waku/2/default-content/proto", message.contentTopic());
        assertEquals(1, message.version());
        assertEquals(TS, message.timestamp());
        assertArrayEquals(META12, message.meta());
        assertArrayEquals(new byte[] {9, 8, 7}, message.rateLimitProof());
        assertTrue(message.ephemeral());
    }

    @Test
    void metaOfSixtyFourBytesIsAccepted() {
        assertArrayEquals(META64, full().meta(META64).build().meta());
    }

    @Test
    void metaOfSixtyFiveBytesIsRejected() {
        WakuMessage.Builder builder = full().meta(new byte[65]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("meta is 65 bytes; at most 64 are allowed", e.getMessage());
    }

    @Test
    void versionIsAnUnsigned32BitValue() {
        assertEquals(0xFFFF_FFFFL, full().version(WakuMessage.MAX_VERSION).build().version());
        assertEquals(2, full().version(2).build().version());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, full().version(-1)::build);
        assertTrue(negative.getMessage().contains("version -1 is outside 0..4294967295"), negative.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                full().version(0x1_0000_0000L)::build);
        assertTrue(large.getMessage().contains("version 4294967296"), large.getMessage());
    }

    @Test
    void contentTopicIsRequired() {
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> WakuMessage.builder().payload(PAYLOAD12).build());
        assertTrue(missing.getMessage().contains("content topic is required"), missing.getMessage());
        assertThrows(NullPointerException.class, () -> WakuMessage.builder().contentTopic((String) null));
        assertThrows(NullPointerException.class, () -> WakuMessage.builder().payload(null));
        assertThrows(NullPointerException.class, () -> WakuMessage.builder().meta(null));
        assertThrows(NullPointerException.class, () -> WakuMessage.builder().rateLimitProof(null));
    }

    @Test
    void receivedContentTopicsAreKeptVerbatim() {
        // the wire carries any string; validation belongs to whoever needs the parts
        assertEquals("Test", WakuMessage.builder().contentTopic("Test").build().contentTopic());
        assertEquals("", WakuMessage.builder().contentTopic("").build().contentTopic());
    }

    @Test
    void builderInputsAreCopied() {
        byte[] payload = PAYLOAD12.clone();
        byte[] meta = META12.clone();
        byte[] proof = {1, 2, 3};
        WakuMessage.Builder builder = WakuMessage.builder().contentTopic(ContentTopic.DEFAULT).payload(payload)
                .meta(meta).rateLimitProof(proof);
        payload[0] = 99;
        meta[0] = 99;
        proof[0] = 99;
        WakuMessage message = builder.build();
        assertArrayEquals(PAYLOAD12, message.payload());
        assertArrayEquals(META12, message.meta());
        assertArrayEquals(new byte[] {1, 2, 3}, message.rateLimitProof());
    }

    @Test
    void returnedArraysAreCopies() {
        WakuMessage message = full().build();
        message.payload()[0] = 99;
        message.meta()[0] = 99;
        message.rateLimitProof()[0] = 99;
        assertArrayEquals(PAYLOAD12, message.payload());
        assertArrayEquals(META12, message.meta());
        assertArrayEquals(new byte[] {9, 8, 7}, message.rateLimitProof());
    }

    @Test
    void payloadBufferIsReadOnly() {
        WakuMessage message = full().build();
        ByteBuffer buffer = message.payloadBuffer();
        assertTrue(buffer.isReadOnly());
        assertEquals(12, buffer.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> buffer.put(0, (byte) 99));
        byte[] read = new byte[12];
        buffer.get(read);
        assertArrayEquals(PAYLOAD12, read);
        assertEquals(12, message.payloadBuffer().remaining(), "each call gets its own position");
    }

    @Test
    void toBuilderCopiesEveryFieldAndDoesNotAlias() {
        WakuMessage message = full().build();
        assertEquals(message, message.toBuilder().build());
        WakuMessage changed = message.toBuilder().payload(new byte[] {1}).build();
        assertArrayEquals(PAYLOAD12, message.payload());
        assertArrayEquals(new byte[] {1}, changed.payload());
    }

    @Test
    void equalsAndHashCodeCoverEveryField() {
        WakuMessage base = full().build();
        WakuMessage same = full().build();
        assertEquals(base, same);
        assertEquals(base.hashCode(), same.hashCode());
        assertEquals(base, base);
        assertNotEquals(base, null);
        assertNotEquals(base, "not a message");
        List<WakuMessage> variants = List.of(
                full().payload(new byte[] {1}).build(),
                full().contentTopic("/other/1/t/proto").build(),
                full().version(2).build(),
                full().timestamp(TS + 1).build(),
                full().meta(META64).build(),
                full().rateLimitProof(new byte[] {9, 8}).build(),
                full().ephemeral(false).build());
        for (WakuMessage variant : variants) {
            assertNotEquals(base, variant, variant.toString());
            assertNotEquals(variant, base, variant.toString());
        }
    }

    @Test
    void toStringSummarises() {
        String text = full().build().toString();
        assertTrue(text.contains("contentTopic=/waku/2/default-content/proto"), text);
        assertTrue(text.contains("payload=12 bytes"), text);
        assertTrue(text.contains("meta=73757065722d736563726574"), text);
        assertTrue(text.contains("ephemeral=true"), text);
    }
}
