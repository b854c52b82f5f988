package io.logos.delivery.kernel.filter;

import io.logos.delivery.kernel.ratelimit.RateLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FilterServer} serves light clients. Defaults are nwaku's node defaults; the {@code with}
 * methods map its CLI flags.
 *
 * @param maxPeersToServe         subscribers served at once ({@code --filter-max-peers-to-serve}); a new
 *                                peer beyond it gets 503
 * @param maxCriteriaPerPeer      (pubsub topic, content topic) pairs one peer may hold
 *                                ({@code --filter-max-criteria}); beyond it 503
 * @param maxContentTopicsPerRequest content topics one SUBSCRIBE or UNSUBSCRIBE may carry; beyond it 400
 * @param subscriptionTtl         how long a subscriber stays subscribed without a request
 *                                ({@code --filter-subscription-timeout})
 * @param dedupTtl                how long a pushed message hash suppresses pushing the same message again
 * @param rateLimit               requests per peer ({@code --rate-limit=filter:…}); beyond it 429
 * @param pushQueueCapacity       pushes that may wait for one slow subscriber; more are dropped
 * @param pushTimeout             how long one push to one subscriber may take before its stream is reset
 * @param maintenanceInterval     how often expired subscribers and idle rate-limit buckets are dropped
 */
public record FilterServerConfig(int maxPeersToServe, int maxCriteriaPerPeer, int maxContentTopicsPerRequest,
                                 Duration subscriptionTtl, Duration dedupTtl, RateLimit rateLimit,
                                 int pushQueueCapacity, Duration pushTimeout, Duration maintenanceInterval) {

    public static final FilterServerConfig DEFAULT = new FilterServerConfig(1000, 1000,
            FilterProtocol.MAX_CONTENT_TOPICS_PER_REQUEST, Duration.ofMinutes(5), Duration.ofMinutes(2),
            new RateLimit(30, Duration.ofMinutes(1)), 256, Duration.ofSeconds(20), Duration.ofMinutes(1));

    public FilterServerConfig {
        positive(maxPeersToServe, "maxPeersToServe");
        positive(maxCriteriaPerPeer, "maxCriteriaPerPeer");
        positive(maxContentTopicsPerRequest, "maxContentTopicsPerRequest");
        positive(pushQueueCapacity, "pushQueueCapacity");
        positive(subscriptionTtl, "subscriptionTtl");
        positive(dedupTtl, "dedupTtl");
        positive(pushTimeout, "pushTimeout");
        positive(maintenanceInterval, "maintenanceInterval");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public FilterServerConfig withMaxPeersToServe(int peers) {
        return new FilterServerConfig(peers, maxCriteriaPerPeer, maxContentTopicsPerRequest, subscriptionTtl,
                dedupTtl, rateLimit, pushQueueCapacity, pushTimeout, maintenanceInterval);
    }

    public FilterServerConfig withMaxCriteriaPerPeer(int criteria) {
        return new FilterServerConfig(maxPeersToServe, criteria, maxContentTopicsPerRequest, subscriptionTtl,
                dedupTtl, rateLimit, pushQueueCapacity, pushTimeout, maintenanceInterval);
    }

    public FilterServerConfig withSubscriptionTtl(Duration ttl) {
        return new FilterServerConfig(maxPeersToServe, maxCriteriaPerPeer, maxContentTopicsPerRequest, ttl,
                dedupTtl, rateLimit, pushQueueCapacity, pushTimeout, maintenanceInterval);
    }

    public FilterServerConfig withRateLimit(RateLimit limit) {
        return new FilterServerConfig(maxPeersToServe, maxCriteriaPerPeer, maxContentTopicsPerRequest,
                subscriptionTtl, dedupTtl, limit, pushQueueCapacity, pushTimeout, maintenanceInterval);
    }

    public FilterServerConfig withPushQueueCapacity(int capacity) {
        return new FilterServerConfig(maxPeersToServe, maxCriteriaPerPeer, maxContentTopicsPerRequest,
                subscriptionTtl, dedupTtl, rateLimit, capacity, pushTimeout, maintenanceInterval);
    }
}
