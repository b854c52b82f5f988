package io.logos.delivery.kernel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random round trips of the codec, checked against an independent encoder written here. */
class WakuMessageCodecPropertyTest {

    private static final long SEED = 0x57A7E1E55L;
    private static final int CASES = 2000;
    private static final MessageSizeLimit LIMIT = MessageSizeLimit.DEFAULT;

    static WakuMessage randomMessage(Random random) {
        byte[] payload = new byte[switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 128 + random.nextInt(20_000); // multi-byte length varints
            default -> random.nextInt(128);
        }];
        random.nextBytes(payload);
        byte[] meta = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(WakuMessage.MAX_META_BYTES + 1)];
        random.nextBytes(meta);
        byte[] proof = new byte[random.nextBoolean() ? 0 : random.nextInt(600)];
        random.nextBytes(proof);
        long version = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(3);
            default -> random.nextLong(WakuMessage.MAX_VERSION + 1);
        };
        long timestamp = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1_700_000_000_000_000_000L + random.nextLong(100_000_000_000_000_000L);
            default -> random.nextLong();
        };
        return WakuMessage.builder()
                .payload(payload)
                .contentTopic(randomTopic(random))
                .version(version)
                .timestamp(timestamp)
                .meta(meta)
                .rateLimitProof(proof)
                .ephemeral(random.nextBoolean())
                .build();
    }

    private static String randomTopic(Random random) {
        StringBuilder topic = new StringBuilder("/");
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            topic.appendCodePoint(switch (random.nextInt(10)) {
                case 0 -> 0x80 + random.nextInt(0x700); // two-byte UTF-8
                case 1 -> 0x1F600 + random.nextInt(0x50); // four-byte UTF-8
                default -> 'a' + random.nextInt(26);
            });
        }
        return topic.toString();
    }

    /** nwaku's layout, written independently of protobuf-java: every field, in field-number order. */
    static byte[] referenceEncode(WakuMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytesField(out, 0x0a, message.payload());
        bytesField(out, 0x12, message.contentTopic().getBytes(StandardCharsets.UTF_8));
        out.write(0x18);
        varint(out, message.version());
        out.write(0x50);
        long t = message.timestamp();
        varint(out, (t << 1) ^ (t >> 63));
        bytesField(out, 0x5a, message.meta());
        out.write(0xaa);
        bytesField(out, 0x01, message.rateLimitProof());
        out.write(0xf8);
        out.write(0x01);
        out.write(message.ephemeral() ? 1 : 0);
        return out.toByteArray();
    }

    private static void bytesField(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** What a standard proto3 encoder writes; fields 1 and 2 are kept because nwaku requires them. */
    static byte[] minimalEncode(WakuMessage message) {
        io.logos.delivery.kernel.proto.WakuMessage.Builder builder = io.logos.delivery.kernel.proto.WakuMessage
                .newBuilder()
                .setPayload(ByteString.copyFrom(message.payload()))
                .setContentTopic(message.contentTopic());
        if (message.version() != 0) {
            builder.setVersion((int) message.version());
        }
        if (message.timestamp() != 0) {
            builder.setTimestamp(message.timestamp());
        }
        if (message.meta().length > 0) {
            builder.setMeta(ByteString.copyFrom(message.meta()));
        }
        if (message.rateLimitProof().length > 0) {
            builder.setRateLimitProof(ByteString.copyFrom(message.rateLimitProof()));
        }
        if (message.ephemeral()) {
            builder.setEphemeral(true);
        }
        return builder.build().toByteArray();
    }

    @Test
    void encodingMatchesTheReferenceLayout() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            byte[] encoded = WakuMessageCodec.encode(message);
            assertArrayEquals(referenceEncode(message), encoded, "seed=" + SEED + " case=" + i + " " + message);
            assertEquals(encoded.length, WakuMessageCodec.encodedSize(message), "seed=" + SEED + " case=" + i);
        }
    }

    @Test
    void roundTripIsEqualAndHashStable() {
        Random random = new Random(SEED + 1);
        PubsubTopic topic = PubsubTopic.of("/waku/2/rs/1/4");
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            String context = "seed=" + (SEED + 1) + " case=" + i + " " + message;
            WakuMessage decoded = WakuMessageCodec.decode(WakuMessageCodec.encode(message), LIMIT);
            assertEquals(message, decoded, context);
            assertEquals(MessageHash.compute(topic, message), MessageHash.compute(topic, decoded), context);
        }
    }

    @Test
    void minimalFormDecodesAndReEncodesToTheNwakuForm() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            String context = "seed=" + (SEED + 2) + " case=" + i + " " + message;
            WakuMessage decoded = WakuMessageCodec.decode(minimalEncode(message), LIMIT);
            assertEquals(message, decoded, context);
            assertArrayEquals(WakuMessageCodec.encode(message), WakuMessageCodec.encode(decoded), context);
        }
    }

    @Test
    void damagedInputOnlyEverFailsWithMalformedMessageException() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = WakuMessageCodec.encode(randomMessage(random));
            switch (random.nextInt(3)) {
                case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 1 -> {
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                default -> random.nextBytes(bytes = new byte[random.nextInt(64)]);
            }
            try {
                WakuMessage decoded = WakuMessageCodec.decode(bytes, LIMIT);
                // whatever decodes must survive its own round trip
                assertEquals(decoded, WakuMessageCodec.decode(WakuMessageCodec.encode(decoded), LIMIT),
                        "seed=" + (SEED + 3) + " case=" + i);
            } catch (MalformedMessageException expected) {
                // rejected with a reason
            } catch (RuntimeException e) {
                fail("seed=" + (SEED + 3) + " case=" + i + ": unexpected " + e, e);
            }
        }
    }
}
