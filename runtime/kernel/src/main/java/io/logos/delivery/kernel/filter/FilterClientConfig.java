package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DefaultFilterClient} talks to filter services; defaults are nwaku's edge client values.
 *
 * @param subscribeTimeout how long a SUBSCRIBE, UNSUBSCRIBE or UNSUBSCRIBE_ALL may take
 * @param pingTimeout      how long a SUBSCRIBER_PING may take
 * @param pingInterval     how often each service is pinged to keep the subscriptions alive
 * @param messageSizeLimit the largest pushed WakuMessage accepted
 * @param dedupTtl         how long a delivered message hash suppresses a second delivery
 * @param dedupCapacity    how many delivered hashes are remembered at most
 */
public record FilterClientConfig(Duration subscribeTimeout, Duration pingTimeout, Duration pingInterval,
                                 MessageSizeLimit messageSizeLimit, Duration dedupTtl, int dedupCapacity) {

    public static final FilterClientConfig DEFAULT = new FilterClientConfig(Duration.ofSeconds(15),
            Duration.ofSeconds(5), Duration.ofSeconds(30), MessageSizeLimit.DEFAULT, Duration.ofMinutes(2), 10_000);

    public FilterClientConfig {
        positive(subscribeTimeout, "subscribeTimeout");
        positive(pingTimeout, "pingTimeout");
        positive(pingInterval, "pingInterval");
        positive(dedupTtl, "dedupTtl");
        Objects.requireNonNull(messageSizeLimit, "messageSizeLimit");
        if (dedupCapacity <= 0) {
            throw new IllegalArgumentException("dedupCapacity must be positive, was " + dedupCapacity);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
