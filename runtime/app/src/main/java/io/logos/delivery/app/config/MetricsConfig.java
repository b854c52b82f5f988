package io.logos.delivery.app.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Prometheus metrics server. Names and defaults follow nwaku's flags; the prefix is ours.
 *
 * @param enabled {@code --metrics-server}: serve {@code /metrics} (default false)
 * @param address {@code --metrics-server-address}: the IP to bind (default 127.0.0.1)
 * @param port    {@code --metrics-server-port} (default 8008); 0 picks a free port
 * @param prefix  {@code --metrics-prefix}: replaces nwaku's {@code waku} namespace of the node's metric names
 *                ({@code logos_delivery} gives logos-delivery's names); empty for none
 */
public record MetricsConfig(boolean enabled, String address, int port, String prefix) {

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8008;
    public static final String DEFAULT_PREFIX = "waku";

    private static final Pattern PREFIX = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?");

    public MetricsConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(prefix, "prefix");
        if (address.isBlank()) {
            throw new InvalidConfigurationException("--metrics-server-address may not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidConfigurationException("--metrics-server-port " + port + " is outside 0..65535");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new InvalidConfigurationException("--metrics-prefix '" + prefix
                    + "' is not a metric name: use letters, digits, _ and :, not starting with a digit");
        }
    }

    /** nwaku's defaults: no metrics server. */
    public static MetricsConfig disabled() {
        return new MetricsConfig(false, DEFAULT_ADDRESS, DEFAULT_PORT, DEFAULT_PREFIX);
    }
}
