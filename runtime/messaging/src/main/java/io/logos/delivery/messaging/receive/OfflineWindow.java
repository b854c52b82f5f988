package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.messaging.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers when the node went offline, and turns its coming back into the window a backfill covers: from
 * going offline to now, widened by the margin on both sides. Only a return after having been online counts:
 * the first time a node gets online there is no gap to fill, unless a previous run's last online time was
 * {@link #resumeFrom resumed}. Moves between the online statuses change nothing.
 */
final class OfflineWindow {

    private final Duration margin;
    /** Set while offline after having been online. */
    private Instant offlineSince;

    OfflineWindow(Duration margin) {
        this.margin = margin;
    }

    /** Counts the node offline since {@code lastOnline}, the last time a previous run was online. */
    void resumeFrom(Instant lastOnline) {
        offlineSince = lastOnline;
    }

    /** The window to backfill when this change brought the node back online after an outage. */
    Optional<TimeWindow> statusChanged(ConnectionStatus previous, ConnectionStatus current, Instant now) {
        if (previous.online() && !current.online()) {
            offlineSince = now;
        } else if (!previous.online() && current.online() && offlineSince != null) {
            TimeWindow gap = new TimeWindow(offlineSince.minus(margin), now.plus(margin));
            offlineSince = null;
            return Optional.of(gap);
        }
        return Optional.empty();
    }
}
