package io.logos.delivery.messaging;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.messaging.InvalidEnvelopeException;
import io.logos.delivery.api.messaging.MessageEnvelope;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns an application's envelope into the Waku message the network will carry, or refuses it with the reason:
 * the content topic must parse and map to a shard, the meta must fit, the encoded message must fit the limit.
 */
final class EnvelopeAdmission {

    private final AutoSharding sharding;
    private final MessageSizeLimit limit;
    private final Clock clock;

    EnvelopeAdmission(AutoSharding sharding, MessageSizeLimit limit, Clock clock) {
        this.sharding = sharding;
        this.limit = limit;
        this.clock = clock;
    }

    /** The content topic of a subscribe call or an envelope, or the reason it cannot be used. */
    ContentTopic contentTopic(String text) {
        try {
            ContentTopic topic = ContentTopic.parse(text);
            sharding.shardOf(topic);
            return topic;
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException("invalid content topic '" + text + "': " + e.getMessage());
        }
    }

    OutgoingMessage admit(MessageEnvelope envelope) {
        ContentTopic topic = contentTopic(envelope.contentTopic());
        WakuMessage message;
        try {
            message = WakuMessage.builder().contentTopic(topic).payload(envelope.payload()).meta(envelope.meta())
                    .ephemeral(envelope.ephemeral()).timestamp(nanos(clock.instant())).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException("invalid message: " + e.getMessage());
        }
        int size = message.encodedSize();
        if (!limit.admits(size)) {
            throw new InvalidEnvelopeException("the message is " + size + " bytes encoded, more than the "
                    + limit.bytes() + " bytes the network accepts");
        }
        PubsubTopic pubsubTopic = sharding.pubsubTopicOf(topic);
        return OutgoingMessage.of(pubsubTopic, message);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
