package io.logos.delivery.kernel.peers;

import io.logos.delivery.libp2p.host.Direction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How connecting to a peer went so far.
 *
 * @param lastConnected when its last connection opened
 * @param lastDisconnected when its last connection closed
 * @param direction who opened its current or last connection
 * @param failedDials dial failures since the last successful dial
 * @param backoffUntil no automatic dial before this instant; empty when it may be dialed now
 */
public record ConnectionHistory(Optional<Instant> lastConnected, Optional<Instant> lastDisconnected,
                                Optional<Direction> direction, int failedDials, Optional<Instant> backoffUntil) {

    /** A peer never connected nor dialed. */
    public static final ConnectionHistory NONE =
            new ConnectionHistory(Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());

    public ConnectionHistory {
        Objects.requireNonNull(lastConnected, "lastConnected");
        Objects.requireNonNull(lastDisconnected, "lastDisconnected");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(backoffUntil, "backoffUntil");
        if (failedDials < 0) {
            throw new IllegalArgumentException("failed dials cannot be negative: " + failedDials);
        }
    }

    ConnectionHistory connected(Instant at, Direction by) {
        return new ConnectionHistory(Optional.of(at), lastDisconnected, Optional.of(by), failedDials, backoffUntil);
    }

    ConnectionHistory disconnected(Instant at) {
        return new ConnectionHistory(lastConnected, Optional.of(at), direction, failedDials, backoffUntil);
    }

    ConnectionHistory dialFailed(Instant retryAfter) {
        return new ConnectionHistory(lastConnected, lastDisconnected, direction, failedDials + 1,
                Optional.of(retryAfter));
    }

    ConnectionHistory dialSucceeded() {
        return new ConnectionHistory(lastConnected, lastDisconnected, direction, 0, Optional.empty());
    }

    /** Whether the backoff after failed dials has run out at {@code now}. */
    public boolean mayDialAt(Instant now) {
        return backoffUntil.map(until -> !now.isBefore(until)).orElse(true);
    }
}
