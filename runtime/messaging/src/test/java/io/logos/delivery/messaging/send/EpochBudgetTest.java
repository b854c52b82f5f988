package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.messaging.SendBudget;
import io.logos.delivery.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochBudgetTest {

    private static final Duration EPOCH = Duration.ofMinutes(10);

    @Test
    void epochsAreAlignedToTheClockNotToTheFirstMessage() {
        // 1 ms before an epoch ends
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(600 * 1000).minusMillis(1));
        EpochBudget budget = new EpochBudget(Optional.of(new SendBudget(EPOCH, 2)), clock);

        assertTrue(budget.tryConsume());
        assertTrue(budget.tryConsume());
        assertFalse(budget.tryConsume(), "two per epoch");
        clock.advance(Duration.ofMillis(1));
        assertTrue(budget.tryConsume(), "a new epoch, though the first message was 1 ms ago");
        assertTrue(budget.tryConsume());
        clock.advance(EPOCH.minusMillis(1));
        assertFalse(budget.tryConsume(), "still the same epoch");
    }

    @Test
    void withoutABudgetEveryMessageIsAdmitted() {
        EpochBudget budget = new EpochBudget(Optional.empty(), new MutableClock());
        assertTrue(IntStream.range(0, 1000).allMatch(i -> budget.tryConsume()));
    }
}
