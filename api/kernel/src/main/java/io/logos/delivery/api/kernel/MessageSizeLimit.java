package io.logos.delivery.api.kernel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The largest encoded {@link WakuMessage} a node accepts, in bytes. Parsed from nwaku's
 * {@code --max-msg-size} syntax: a number followed by {@code B}, {@code KB} (×1000) or {@code KiB} (×1024).
 */
public record MessageSizeLimit(int bytes) {

    /** nwaku's {@code DefaultMaxWakuMessageSize}: 150 KiB = 153 600 bytes. */
    public static final MessageSizeLimit DEFAULT = new MessageSizeLimit(150 * 1024);

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,10})\\s*(b|kb|kib)?");

    public MessageSizeLimit {
        if (bytes < 1) {
            throw new IllegalArgumentException("a message size limit must be positive, got " + bytes);
        }
    }

    /**
     * Parses {@code 150KiB}, {@code 100KB}, {@code 2048B} or a plain byte count.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static MessageSizeLimit parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid message size '" + text
                    + "': expected a number with unit B, KB or KiB, e.g. 150KiB");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        long multiplier = switch (unit) {
            case "kb" -> 1000;
            case "kib" -> 1024;
            default -> 1;
        };
        long total = number * multiplier;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid message size '" + text + "': larger than 2 GiB");
        }
        return new MessageSizeLimit((int) total);
    }

    /** Whether an encoded message of {@code encodedSize} bytes is within this limit. */
    public boolean admits(long encodedSize) {
        return encodedSize <= bytes;
    }
}
