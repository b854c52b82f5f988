package io.logos.delivery.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a positive duration as a number with unit ms, s, m or h ({@code 30s}, {@code 500ms}). */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = SYNTAX.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new TypeConversionException("invalid duration '" + value
                    + "': expected a positive number with unit ms, s, m or h, e.g. 30s");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
