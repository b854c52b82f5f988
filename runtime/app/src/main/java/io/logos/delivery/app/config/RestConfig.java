package io.logos.delivery.app.config;

import java.util.List;
import java.util.Objects;

/**
 * The REST API server. Names and defaults follow nwaku's flags.
 *
 * @param enabled            {@code --rest}: serve the REST API (default false)
 * @param address            {@code --rest-address}: the IP to bind (default 127.0.0.1)
 * @param port               {@code --rest-port} (default 8645); 0 picks a free port
 * @param admin              {@code --rest-admin}: serve the {@code /admin} endpoints (default false)
 * @param allowOrigins       {@code --rest-allow-origin}, repeatable: origins browsers may call from (CORS);
 *                           {@code *} for any, {@code *} and {@code ?} as wildcards inside an origin
 * @param relayCacheCapacity {@code --rest-relay-cache-capacity}: relay messages kept for
 *                           {@code GET /relay/v1/messages} (default 50)
 */
public record RestConfig(boolean enabled, String address, int port, boolean admin, List<String> allowOrigins,
                         int relayCacheCapacity) {

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8645;
    public static final int DEFAULT_RELAY_CACHE_CAPACITY = 50;

    public RestConfig {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new InvalidConfigurationException("--rest-address may not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidConfigurationException("--rest-port " + port + " is outside 0..65535");
        }
        allowOrigins = List.copyOf(allowOrigins);
        if (relayCacheCapacity < 1) {
            throw new InvalidConfigurationException("--rest-relay-cache-capacity must be at least 1, got "
                    + relayCacheCapacity);
        }
    }

    /** nwaku's defaults: no REST server. */
    public static RestConfig disabled() {
        return new RestConfig(false, DEFAULT_ADDRESS, DEFAULT_PORT, false, List.of(), DEFAULT_RELAY_CACHE_CAPACITY);
    }
}
