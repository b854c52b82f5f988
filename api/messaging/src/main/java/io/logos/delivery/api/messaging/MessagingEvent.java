package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Objects;
import java.util.Optional;

/** What a {@link MessagingApi} reports: the spec's {@code message:*} and {@code health:*} events. */
public sealed interface MessagingEvent {

    /** {@code message:received}: a message on a subscribed content topic, once per message hash. */
    record MessageReceived(MessageHash hash, PubsubTopic pubsubTopic, WakuMessage message) implements MessagingEvent {
        public MessageReceived {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(pubsubTopic, "pubsubTopic");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code message:send-propagated}: relay peers or a light push service took the message. Once per request. */
    record MessagePropagated(RequestId requestId, MessageHash hash) implements MessagingEvent {
        public MessagePropagated {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** {@code message:sent}: a store node holds the message. Never for ephemeral messages. */
    record MessageSent(RequestId requestId, MessageHash hash) implements MessagingEvent {
        public MessageSent {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** {@code message:send-error}: the messaging layer gave up on the message. */
    record MessageSendError(RequestId requestId, Optional<MessageHash> hash, String error) implements MessagingEvent {
        public MessageSendError {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(error, "error");
        }
    }

    /** {@code health:connection-status}: the status changed. */
    record ConnectionStatusChanged(ConnectionStatus status) implements MessagingEvent {
        public ConnectionStatusChanged {
            Objects.requireNonNull(status, "status");
        }
    }
}
