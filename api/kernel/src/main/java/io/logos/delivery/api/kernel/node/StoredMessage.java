package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a store page: the message hash, and with it the message and the pubsub topic it arrived on when
 * the query asked for data. The two are present together or not at all (RFC 13).
 */
public record StoredMessage(MessageHash hash, Optional<PubsubTopic> pubsubTopic, Optional<WakuMessage> message) {

    public StoredMessage {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(message, "message");
        if (pubsubTopic.isPresent() != message.isPresent()) {
            throw new IllegalArgumentException("a stored message has both a pubsub topic and a message, or neither");
        }
    }

    /** An entry with its data. */
    public static StoredMessage of(MessageHash hash, PubsubTopic pubsubTopic, WakuMessage message) {
        return new StoredMessage(hash, Optional.of(pubsubTopic), Optional.of(message));
    }

    /** An entry without data: the hash only. */
    public static StoredMessage hashOnly(MessageHash hash) {
        return new StoredMessage(hash, Optional.empty(), Optional.empty());
    }
}
