package io.logos.delivery.kernel.peers;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before dialing a peer again after failed dials: {@code initial × factor^(failures−1)},
 * at most {@code max}.
 */
public record DialBackoff(Duration initial, int factor, Duration max) {

    /** nwaku's peer manager: 120 s, ×4 per failure (120 s, 480 s, 1920 s, 7680 s, then it gives up). */
    public static final DialBackoff NWAKU = new DialBackoff(Duration.ofSeconds(120), 4, Duration.ofSeconds(7680));

    public DialBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (!initial.isPositive() || factor < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("dial backoff needs a positive initial delay, a factor of at least 1"
                    + " and a maximum of at least the initial delay, got " + initial + ", " + factor + ", " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 or more). */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(factor);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }
}
