package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Objects;

/** A message as the node received it: the pubsub topic it came on and its deterministic hash. */
public record ReceivedMessage(PubsubTopic pubsubTopic, WakuMessage message, MessageHash hash) {

    public ReceivedMessage {
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hash, "hash");
    }

    public static ReceivedMessage of(PubsubTopic pubsubTopic, WakuMessage message) {
        return new ReceivedMessage(pubsubTopic, message, MessageHash.compute(pubsubTopic, message));
    }
}
