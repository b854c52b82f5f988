package io.logos.delivery.messaging.receive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.testkit.time.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeenMessagesTest {

    private final MutableClock clock = new MutableClock();
    private final SeenMessages seen = new SeenMessages(clock, Duration.ofMinutes(7));

    @Test
    void aHashIsNewOnceAndForgottenAfterTheRetention() {
        MessageHash early = hash(1);
        assertTrue(seen.markSeen(early));
        assertFalse(seen.markSeen(early), "a duplicate");
        clock.advance(Duration.ofMinutes(5));
        MessageHash later = hash(2);
        seen.markSeen(later);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        seen.prune();
        assertFalse(seen.contains(early), "seen more than 7 minutes ago");
        assertTrue(seen.contains(later), "seen 2 minutes ago");
        assertTrue(seen.markSeen(early), "new again once forgotten");
    }

    private static MessageHash hash(int fill) {
        byte[] bytes = new byte[MessageHash.SIZE];
        Arrays.fill(bytes, (byte) fill);
        return MessageHash.of(bytes);
    }
}
