package io.logos.delivery.spi.messaging;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Objects;

/** A message the delivery service wants sent: on which shard, and its deterministic hash there. */
public record OutgoingMessage(PubsubTopic pubsubTopic, WakuMessage message, MessageHash hash) {

    public OutgoingMessage {
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hash, "hash");
    }

    public static OutgoingMessage of(PubsubTopic pubsubTopic, WakuMessage message) {
        return new OutgoingMessage(pubsubTopic, message, MessageHash.compute(pubsubTopic, message));
    }
}
