package io.logos.delivery.spi.kernel.archive;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Objects;

/**
 * One stored message with the pubsub topic it arrived on and its deterministic hash, the archive's key.
 */
public record ArchivedMessage(MessageHash hash, PubsubTopic pubsubTopic, WakuMessage message) {

    public ArchivedMessage {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(pubsubTopic, "pubsub topic");
        Objects.requireNonNull(message, "message");
    }

    /** Hashes {@code message} on {@code pubsubTopic}. */
    public static ArchivedMessage of(PubsubTopic pubsubTopic, WakuMessage message) {
        return new ArchivedMessage(MessageHash.compute(pubsubTopic, message), pubsubTopic, message);
    }

    /** The sort key's first part: the message timestamp in nanoseconds. */
    public long timestamp() {
        return message.timestamp();
    }
}
