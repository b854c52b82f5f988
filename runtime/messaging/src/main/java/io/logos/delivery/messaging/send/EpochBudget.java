package io.logos.delivery.messaging.send;

import io.logos.delivery.api.messaging.SendBudget;
import java.time.Clock;
import java.util.Optional;

/**
 * The sender-side rate limit: at most {@link SendBudget#messagesPerEpoch()} first transmissions per epoch, epochs
 * aligned to the clock (epoch {@code n} starts at {@code n × epoch} since the Unix epoch, as RLN epochs). Without a
 * budget every transmission is admitted.
 */
final class EpochBudget {

    private final Optional<SendBudget> budget;
    private final Clock clock;
    private long epoch = Long.MIN_VALUE;
    private int used;

    EpochBudget(Optional<SendBudget> budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** Takes one slot of the current epoch; false when the epoch's budget is spent. */
    boolean tryConsume() {
        if (budget.isEmpty()) {
            return true;
        }
        long now = Math.floorDiv(clock.millis(), Math.max(1, budget.get().epoch().toMillis()));
        if (now != epoch) {
            epoch = now;
            used = 0;
        }
        if (used >= budget.get().messagesPerEpoch()) {
            return false;
        }
        used++;
        return true;
    }
}
