package io.logos.delivery.libp2p.pubsub;

import java.util.Objects;

/**
 * The outcome of publishing a message.
 *
 * @param status    what happened
 * @param peers     how many peers the message was sent to (0 unless {@link Status#PUBLISHED})
 * @param messageId the message's id
 */
public record PublishResult(Status status, int peers, MessageId messageId) {

    /** What happened to a published message. */
    public enum Status {
        /** Sent to {@link #peers()} peers (at least one) and delivered to our own subscribers. */
        PUBLISHED,
        /** No peer to send it to; nothing was sent or remembered, so it may be published again later. */
        NO_PEERS,
        /** A message with the same id was seen recently (published or received); nothing was sent. */
        DUPLICATE,
        /** The message does not fit in one RPC frame of the configured maximum size; nothing was sent. */
        TOO_LARGE
    }

    public PublishResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messageId, "messageId");
        if (peers < 0 || (peers > 0) != (status == Status.PUBLISHED)) {
            throw new IllegalArgumentException(status + " with " + peers + " peers");
        }
    }

    /** Whether the message went out to at least one peer. */
    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }
}
