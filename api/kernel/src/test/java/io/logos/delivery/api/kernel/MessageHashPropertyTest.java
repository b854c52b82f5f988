package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random checks: the hash covers pubsub topic, payload, content topic, meta and timestamp, and
 * nothing else.
 */
class MessageHashPropertyTest {

    private static final long SEED = 0x14_4A5L;
    private static final int CASES = 1000;

    static WakuMessage randomMessage(Random random) {
        byte[] payload = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(300)];
        random.nextBytes(payload);
        byte[] meta = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(WakuMessage.MAX_META_BYTES + 1)];
        random.nextBytes(meta);
        byte[] proof = new byte[random.nextBoolean() ? 0 : random.nextInt(400)];
        random.nextBytes(proof);
        return WakuMessage.builder()
                .payload(payload)
                .contentTopic("/" + AutoShardingTest.randomPart(random) + "/1/" + AutoShardingTest.randomPart(random)
                        + "/proto")
                .version(random.nextInt(3))
                .timestamp(random.nextInt(5) == 0 ? 0 : random.nextLong())
                .meta(meta)
                .rateLimitProof(proof)
                .ephemeral(random.nextBoolean())
                .build();
    }

    static PubsubTopic randomPubsubTopic(Random random) {
        return random.nextInt(4) == 0 ? PubsubTopic.of("/waku/2/default-waku/proto")
                : new RelayShard(random.nextInt(65536), random.nextInt(1024)).toPubsubTopic();
    }

    @Test
    void hashMatchesTheReferenceConcatenation() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            PubsubTopic topic = randomPubsubTopic(random);
            assertArrayEquals(Vectors.nwakuStyle(topic.value(), message.payload(), message.contentTopic(),
                    message.meta(), message.timestamp()), MessageHash.compute(topic, message).bytes(),
                    "seed=" + SEED + " case=" + i + " " + message);
        }
    }

    @Test
    void hashIgnoresVersionEphemeralAndProof() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            PubsubTopic topic = randomPubsubTopic(random);
            String context = "seed=" + (SEED + 1) + " case=" + i + " " + message;
            MessageHash hash = MessageHash.compute(topic, message);
            assertEquals(hash, MessageHash.compute(topic, message.toBuilder().build()), context);
            assertEquals(hash, MessageHash.compute(topic, message.toBuilder()
                    .version(message.version() + 1 + random.nextInt(1000)).build()), context);
            assertEquals(hash, MessageHash.compute(topic, message.toBuilder()
                    .ephemeral(!message.ephemeral()).build()), context);
            byte[] proof = new byte[1 + random.nextInt(200)];
            random.nextBytes(proof);
            assertEquals(hash, MessageHash.compute(topic, message.toBuilder().rateLimitProof(proof).build()), context);
        }
    }

    @Test
    void hashChangesWithEveryHashedField() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            WakuMessage message = randomMessage(random);
            PubsubTopic topic = randomPubsubTopic(random);
            String context = "seed=" + (SEED + 2) + " case=" + i + " " + message;
            MessageHash hash = MessageHash.compute(topic, message);

            byte[] payload = message.payload();
            if (payload.length > 0 && random.nextBoolean()) {
                payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                payload = java.util.Arrays.copyOf(payload, payload.length + 1);
            }
            assertNotEquals(hash, MessageHash.compute(topic, message.toBuilder().payload(payload).build()),
                    "payload " + context);

            byte[] meta = message.meta();
            if (meta.length == WakuMessage.MAX_META_BYTES || (meta.length > 0 && random.nextBoolean())) {
                meta[random.nextInt(meta.length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                meta = java.util.Arrays.copyOf(meta, meta.length + 1);
            }
            assertNotEquals(hash, MessageHash.compute(topic, message.toBuilder().meta(meta).build()), "meta " + context);

            assertNotEquals(hash, MessageHash.compute(topic, message.toBuilder()
                    .contentTopic(message.contentTopic() + "x").build()), "content topic " + context);

            long timestamp = message.timestamp() ^ (1L << random.nextInt(64));
            assertNotEquals(hash, MessageHash.compute(topic, message.toBuilder().timestamp(timestamp).build()),
                    "timestamp " + context);

            PubsubTopic other = PubsubTopic.of(topic.value() + "1");
            assertNotEquals(hash, MessageHash.compute(other, message), "pubsub topic " + context);
        }
    }
}
