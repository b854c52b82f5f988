package io.logos.delivery.kernel.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code volume} requests per {@code period}, as nwaku's {@code --rate-limit=<proto>:<volume>/<period><unit>}
 * writes it ({@code 30/1m}, {@code 100/500ms}). {@link #UNLIMITED} lets everything through.
 */
public record RateLimit(int volume, Duration period) {

    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ZERO);

    private static final Pattern TEXT = Pattern.compile("(\\d+)/(\\d+)(ms|s|m|h)");

    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (volume < 0 || period.isNegative() || (volume == 0) != period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive volume and period, got "
                    + volume + "/" + period);
        }
    }

    /** Parses {@code 30/1m}; units ms, s, m, h. */
    public static RateLimit parse(String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid rate limit '" + text
                    + "': expected <volume>/<period><unit> with unit ms, s, m or h, e.g. 30/1m");
        }
        int volume = Integer.parseInt(m.group(1));
        long amount = Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (volume == 0 || period.isZero()) {
            throw new IllegalArgumentException("invalid rate limit '" + text + "': volume and period must be positive");
        }
        return new RateLimit(volume, period);
    }

    public boolean unlimited() {
        return volume == 0;
    }

    @Override
    public String toString() {
        return unlimited() ? "unlimited" : volume + "/" + period.toMillis() + "ms";
    }
}
