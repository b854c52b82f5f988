package io.logos.delivery.spi.messaging;

import java.util.Objects;

/** What became of one {@link SendProcessor#send} call. */
public sealed interface SendResult {

    /** Peers took the message: relay peers, or a light push service that relayed it. */
    record Propagated(int peers) implements SendResult {
    }

    /** This strategy cannot send now (no relay peers, …): the next processor of the chain should try. */
    record TryNext(String reason) implements SendResult {
        public TryNext {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A passing problem (timeout, service busy): the delivery service tries again in its next round. */
    record RetryLater(String reason) implements SendResult {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The network refuses the message itself (invalid, too large): sending again cannot help. */
    record Failed(String reason) implements SendResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
