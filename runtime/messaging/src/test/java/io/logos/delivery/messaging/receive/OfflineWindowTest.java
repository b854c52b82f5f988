package io.logos.delivery.messaging.receive;

import static io.logos.delivery.api.messaging.ConnectionStatus.CONNECTED;
import static io.logos.delivery.api.messaging.ConnectionStatus.DISCONNECTED;
import static io.logos.delivery.api.messaging.ConnectionStatus.PARTIALLY_CONNECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfflineWindowTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final OfflineWindow window = new OfflineWindow(Duration.ofSeconds(5));

    @Test
    void theFirstTimeOnlineHasNoGapToFill() {
        assertEquals(Optional.empty(), window.statusChanged(DISCONNECTED, PARTIALLY_CONNECTED, START));
        assertEquals(Optional.empty(), window.statusChanged(PARTIALLY_CONNECTED, CONNECTED, START.plusSeconds(1)));
    }

    @Test
    void comingBackCoversTheOutageWidenedByTheMargin() {
        window.statusChanged(DISCONNECTED, CONNECTED, START);
        assertEquals(Optional.empty(), window.statusChanged(CONNECTED, DISCONNECTED, START.plusSeconds(60)));
        assertEquals(Optional.of(new TimeWindow(START.plusSeconds(55), START.plusSeconds(125))),
                window.statusChanged(DISCONNECTED, PARTIALLY_CONNECTED, START.plusSeconds(120)));
        assertEquals(Optional.empty(), window.statusChanged(PARTIALLY_CONNECTED, CONNECTED, START.plusSeconds(130)),
                "moves between online statuses are no return");
    }

    @Test
    void aPreviousRunsLastOnlineTimeMakesTheFirstReturnAGap() {
        window.resumeFrom(START);
        assertEquals(Optional.of(new TimeWindow(START.minusSeconds(5), START.plusSeconds(305))),
                window.statusChanged(DISCONNECTED, PARTIALLY_CONNECTED, START.plusSeconds(300)));
    }
}
