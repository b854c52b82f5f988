package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.InvalidTopicException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.kernel.message.MalformedMessageException;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.service.Failures;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service side of light push, shared by both protocol versions: checks a pushed message and its pubsub
 * topic, then publishes it with relay and turns the outcome into a {@link PushStatus}. Never fails: every
 * problem is a status.
 */
final class MessagePusher {

    private static final Logger LOG = LoggerFactory.getLogger(MessagePusher.class);

    static final String STATIC_SHARDING_NEEDS_TOPIC = "Pubsub topic must be specified when static sharding is enabled";
    static final String DUPLICATE = "Dropping already-seen message";
    static final String NO_PEERS = "No peers for topic, skipping publish";

    private final Relay relay;
    private final MessageSizeLimit maxMessageSize;

    MessagePusher(Relay relay, MessageSizeLimit maxMessageSize) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.maxMessageSize = Objects.requireNonNull(maxMessageSize, "maxMessageSize");
    }

    /**
     * Pushes the encoded {@code message} on {@code pubsubTopic}, or on the shard autosharding gives its
     * content topic when the topic is absent.
     */
    CompletableFuture<PushStatus> push(Optional<String> pubsubTopic, byte[] message) {
        try {
            WakuMessage decoded = decode(message);
            PubsubTopic topic = pubsubTopic.isPresent() ? parse(pubsubTopic.get()) : derive(decoded);
            MessageHash hash = MessageHash.compute(topic, decoded);
            return publish(topic, decoded).thenApply(status -> {
                LOG.debug("Light push of {} on {}: {} {}", hash, topic, status.code(),
                        status.description().orElse("relayed to " + status.relayPeerCount() + " peers"));
                return status;
            });
        } catch (Refusal refusal) {
            LOG.debug("Light push refused: {} {}", refusal.status.code(), refusal.getMessage());
            return CompletableFuture.completedFuture(refusal.status);
        } catch (RuntimeException unexpected) {
            return CompletableFuture.completedFuture(PushStatus.internalError(unexpected));
        }
    }

    private CompletableFuture<PushStatus> publish(PubsubTopic topic, WakuMessage message) {
        if (!relay.subscriptions().contains(topic)) {
            return CompletableFuture.completedFuture(PushStatus.refused(LightpushResult.UNSUPPORTED_PUBSUB_TOPIC,
                    "Unsupported pubsub topic: this node does not serve " + topic));
        }
        return relay.publish(topic, message)
                .thenApply(MessagePusher::toStatus)
                .exceptionally(failure -> PushStatus.internalError(Failures.unwrap(failure)));
    }

    private WakuMessage decode(byte[] message) throws Refusal {
        try {
            return WakuMessageCodec.decode(message, maxMessageSize);
        } catch (MalformedMessageException e) {
            int code = e.reason() == MalformedMessageException.Reason.TOO_LARGE
                    ? LightpushResult.PAYLOAD_TOO_LARGE
                    : LightpushResult.INVALID_MESSAGE;
            throw new Refusal(PushStatus.refused(code, e.getMessage()));
        }
    }

    private static PubsubTopic parse(String text) throws Refusal {
        // a blank topic would only fail later inside gossipsub; nwaku refuses it up front
        if (text.isBlank()) {
            throw new Refusal(PushStatus.badRequest("topic must not be empty"));
        }
        try {
            return PubsubTopic.of(text);
        } catch (InvalidTopicException e) {
            throw new Refusal(PushStatus.badRequest(e.getMessage()));
        }
    }

    private PubsubTopic derive(WakuMessage message) throws Refusal {
        try {
            return relay.pubsubTopicOf(ContentTopic.parse(message.contentTopic()));
        } catch (InvalidTopicException e) {
            throw new Refusal(PushStatus.refused(LightpushResult.INVALID_MESSAGE,
                    "Invalid content-topic: " + e.getMessage()));
        } catch (IllegalStateException staticSharding) {
            throw new Refusal(PushStatus.refused(LightpushResult.INVALID_MESSAGE, STATIC_SHARDING_NEEDS_TOPIC));
        }
    }

    private static PushStatus toStatus(PublishOutcome outcome) {
        return switch (outcome.status()) {
            case PUBLISHED -> PushStatus.published(outcome.peers());
            case NO_PEERS_TO_PUBLISH -> PushStatus.refused(LightpushResult.NO_PEERS_TO_RELAY, NO_PEERS);
            case DUPLICATE -> PushStatus.refused(LightpushResult.INVALID_MESSAGE, DUPLICATE);
            case INVALID -> PushStatus.refused(LightpushResult.INVALID_MESSAGE,
                    outcome.reason().orElse("the message failed relay validation"));
        };
    }


    /** A check failed; carries the answer. Internal control flow, never escapes this class. */
    private static final class Refusal extends Exception {
        private final transient PushStatus status;

        Refusal(PushStatus status) {
            super(status.description().orElse(""), null, false, false);
            this.status = status;
        }
    }
}
