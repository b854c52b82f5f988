package io.logos.delivery.kernel.archive;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of {@code --store-message-retention-policy}, in nwaku's syntax: {@code time:<seconds>},
 * {@code capacity:<count>} or {@code size:<n>MB|GB}; several are joined with {@code ;}.
 */
public sealed interface RetentionPolicy {

    /** Applies the rule once; returns how many messages it deleted. */
    long apply(ArchiveDriver driver, Clock clock);

    /** Deletes messages older than {@code maxAge}. */
    record Time(Duration maxAge) implements RetentionPolicy {
        @Override
        public long apply(ArchiveDriver driver, Clock clock) {
            Instant cutoff = clock.instant().minus(maxAge);
            return driver.deleteOlderThan(cutoff.getEpochSecond() * 1_000_000_000L + cutoff.getNano());
        }
    }

    /**
     * Keeps about {@code capacity} messages. As nwaku, nothing happens until the archive holds 30 % more;
     * then the oldest are deleted down to capacity plus 15 %, so that deletes come in batches.
     */
    record Capacity(long capacity) implements RetentionPolicy {
        @Override
        public long apply(ArchiveDriver driver, Clock clock) {
            long count = driver.count();
            if (count < capacity * 13 / 10) {
                return 0;
            }
            return driver.deleteOldest(count - (capacity + capacity * 15 / 100));
        }
    }

    /** Keeps the database under {@code maxBytes}, deleting the oldest tenth at a time and reclaiming space. */
    record Size(long maxBytes) implements RetentionPolicy {
        @Override
        public long apply(ArchiveDriver driver, Clock clock) {
            long deleted = 0;
            while (driver.sizeInBytes() > maxBytes && driver.count() > 0) {
                long batch = Math.max(1, driver.count() / 10);
                deleted += driver.deleteOldest(batch);
                driver.reclaimSpace();
            }
            return deleted;
        }
    }

    /** nwaku's default: two days. */
    String DEFAULT = "time:172800";

    /**
     * Parses {@code time:172800;capacity:25000;size:30GB}.
     *
     * @throws IllegalArgumentException naming the rule that is not understood
     */
    static List<RetentionPolicy> parse(String text) {
        Pattern rule = Pattern.compile("(time|capacity|size):(\\d+)(mb|gb)?");
        List<RetentionPolicy> policies = new ArrayList<>();
        for (String part : text.split(";")) {
            String trimmed = part.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = rule.matcher(trimmed);
            if (!m.matches() || (m.group(1).equals("size") != (m.group(3) != null))) {
                throw new IllegalArgumentException("invalid retention policy '" + part.strip()
                        + "': expected time:<seconds>, capacity:<count> or size:<n>MB|GB, joined with ';'");
            }
            long value = Long.parseLong(m.group(2));
            if (value <= 0) {
                throw new IllegalArgumentException("invalid retention policy '" + part.strip() + "': must be positive");
            }
            policies.add(switch (m.group(1)) {
                case "time" -> new Time(Duration.ofSeconds(value));
                case "capacity" -> new Capacity(value);
                default -> new Size(value * (m.group(3).equals("gb") ? 1L << 30 : 1L << 20));
            });
        }
        return List.copyOf(policies);
    }
}
