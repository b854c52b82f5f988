package io.logos.delivery.api.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * The most new messages the node sends per epoch (RLN-style rate limiting on the sender's side). Only a message's
 * first transmission counts; re-sends are free. Messages over the budget wait for the next epoch.
 */
public record SendBudget(Duration epoch, int messagesPerEpoch) {

    public SendBudget {
        Objects.requireNonNull(epoch, "epoch");
        if (epoch.isZero() || epoch.isNegative()) {
            throw new IllegalArgumentException("the epoch must be positive, got " + epoch);
        }
        if (messagesPerEpoch < 1) {
            throw new IllegalArgumentException("at least one message per epoch, got " + messagesPerEpoch);
        }
    }
}
