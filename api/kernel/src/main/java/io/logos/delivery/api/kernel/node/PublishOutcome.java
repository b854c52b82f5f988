package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a relay publish: sent to {@code peers} peers, or why not. An invalid message carries the
 * validator's reason.
 */
public record PublishOutcome(Status status, PubsubTopic pubsubTopic, MessageHash hash, int peers,
                             Optional<String> reason) {

    public enum Status {
        /** Sent to at least one peer. */
        PUBLISHED,
        /** Valid, but no peer to send it to (nwaku's NoPeersToPublish). */
        NO_PEERS_TO_PUBLISH,
        /** Already seen: not sent again. */
        DUPLICATE,
        /** A validator refused it; see {@link #reason()}. */
        INVALID
    }

    public PublishOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
