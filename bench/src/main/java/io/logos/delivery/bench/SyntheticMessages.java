package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The messages the archive benchmark stores, each a pure function of its index so that every driver and every
 * baseline stores the very same rows: a random payload of a fixed size, one of {@link #CONTENT_TOPICS} (each
 * living on one of two shards), and timestamps that increase by {@code intervalNanos} with some jitter.
 */
final class SyntheticMessages {

    /** Eight applications; topic {@code k} is published on shard {@code k % 2}. */
    static final List<String> CONTENT_TOPICS = List.of("/chat/1/general/proto", "/chat/1/random/proto",
            "/status/1/community/proto", "/status/1/contact/proto", "/waku/1/rln-demo/proto",
            "/dapp/1/orders/json", "/dapp/1/prices/json", "/game/1/moves/proto");
    static final List<PubsubTopic> SHARDS = List.of(PubsubTopic.of("/waku/2/rs/1/0"), PubsubTopic.of("/waku/2/rs/1/1"));

    /** 2026-01-01T00:00:00Z in nanoseconds. */
    static final long FIRST_TIMESTAMP = 1_767_225_600_000_000_000L;

    private final long intervalNanos;
    private final int payloadSize;

    /**
     * @param intervalNanos the mean time between two messages; message {@code i} is stamped within
     *     {@code [i, i + 1)} intervals after {@link #FIRST_TIMESTAMP}
     */
    SyntheticMessages(long intervalNanos, int payloadSize) {
        if (intervalNanos < 1 || payloadSize < 0) {
            throw new IllegalArgumentException("interval must be positive and payload size not negative, got "
                    + intervalNanos + " ns and " + payloadSize + " bytes");
        }
        this.intervalNanos = intervalNanos;
        this.payloadSize = payloadSize;
    }

    /** Message {@code index}, hashed on its shard. */
    ArchivedMessage message(int index) {
        SplittableRandom random = new SplittableRandom(index);
        byte[] payload = new byte[payloadSize];
        random.nextBytes(payload);
        String contentTopic = CONTENT_TOPICS.get(random.nextInt(CONTENT_TOPICS.size()));
        long timestamp = FIRST_TIMESTAMP + index * intervalNanos + random.nextLong(intervalNanos);
        WakuMessage message = WakuMessage.builder().contentTopic(contentTopic).payload(payload).timestamp(timestamp)
                .build();
        return ArchivedMessage.of(shardOf(contentTopic), message);
    }

    /** Messages {@code from} to {@code from + count - 1}. */
    ArchivedMessage[] messages(int from, int count) {
        ArchivedMessage[] messages = new ArchivedMessage[count];
        for (int i = 0; i < count; i++) {
            messages[i] = message(from + i);
        }
        return messages;
    }

    /** The shard a content topic is published on. */
    static PubsubTopic shardOf(String contentTopic) {
        return SHARDS.get(CONTENT_TOPICS.indexOf(contentTopic) % SHARDS.size());
    }

    /** The earliest timestamp message {@code index} may carry. */
    long slotStart(int index) {
        return FIRST_TIMESTAMP + index * intervalNanos;
    }
}
