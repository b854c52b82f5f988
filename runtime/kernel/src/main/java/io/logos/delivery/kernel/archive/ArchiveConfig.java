package io.logos.delivery.kernel.archive;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the archive is kept: the retention policies ({@code --store-message-retention-policy}) and how often
 * they run (nwaku: every 30 minutes).
 */
public record ArchiveConfig(List<RetentionPolicy> retention, Duration retentionInterval) {

    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofMinutes(30);
    public static final ArchiveConfig DEFAULT = new ArchiveConfig(RetentionPolicy.parse(RetentionPolicy.DEFAULT),
            DEFAULT_RETENTION_INTERVAL);

    public ArchiveConfig {
        retention = List.copyOf(retention);
        Objects.requireNonNull(retentionInterval, "retentionInterval");
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("the retention interval must be positive, was " + retentionInterval);
        }
    }
}
