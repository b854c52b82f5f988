package io.logos.delivery.app.config;

import io.logos.delivery.kernel.ratelimit.RateLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --rate-limit} values by protocol, as nwaku reads them: {@code [<proto>:]<volume>/<period><unit>},
 * where a value without protocol is the global limit that light push, store and peer exchange inherit;
 * filter has its own default of 30 requests per minute per peer.
 */
public final class RateLimits {

    private static final Set<String> PROTOCOLS = Set.of("lightpush", "filter", "store", "storev3", "px");
    private static final RateLimit FILTER_DEFAULT = new RateLimit(30, Duration.ofMinutes(1));

    private final RateLimit global;
    private final Map<String, RateLimit> byProtocol;

    private RateLimits(RateLimit global, Map<String, RateLimit> byProtocol) {
        this.global = global;
        this.byProtocol = Map.copyOf(byProtocol);
    }

    /** @throws InvalidConfigurationException naming the bad value */
    public static RateLimits parse(List<String> values) {
        RateLimit global = RateLimit.UNLIMITED;
        Map<String, RateLimit> byProtocol = new HashMap<>();
        for (String value : values) {
            int colon = value.indexOf(':');
            String protocol = colon < 0 ? "" : value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
                throw new InvalidConfigurationException("--rate-limit=" + value + ": unknown protocol '" + protocol
                        + "'; expected one of " + PROTOCOLS.stream().sorted().toList());
            }
            RateLimit limit;
            try {
                limit = RateLimit.parse(value.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("--rate-limit=" + value + ": " + e.getMessage());
            }
            if (protocol.isEmpty()) {
                global = limit;
            } else {
                byProtocol.put(protocol, limit);
            }
        }
        return new RateLimits(global, byProtocol);
    }

    public RateLimit lightpush() {
        return byProtocol.getOrDefault("lightpush", global);
    }

    /** The store service's limit ({@code store} or {@code storev3}), else the global one. */
    public RateLimit store() {
        return byProtocol.getOrDefault("storev3", byProtocol.getOrDefault("store", global));
    }

    public RateLimit filter() {
        return byProtocol.getOrDefault("filter", FILTER_DEFAULT);
    }
}
