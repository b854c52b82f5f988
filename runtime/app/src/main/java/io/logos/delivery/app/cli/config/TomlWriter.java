package io.logos.delivery.app.cli.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes effective options as a TOML file that {@code --config-file} reads back: integers and
 * booleans bare, everything else as a string, repeatable options as arrays, unset options as comments.
 */
final class TomlWriter {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Set<Class<?>> INTEGRAL = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> BOOLEAN = Set.of(boolean.class, Boolean.class);

    private TomlWriter() {
    }

    static String write(String header, List<ResolvedOption> options) {
        StringBuilder toml = new StringBuilder();
        header.lines().forEach(line -> toml.append("# ").append(line).append('\n'));
        for (ResolvedOption resolved : options) {
            toml.append(line(resolved)).append('\n');
        }
        return toml.toString();
    }

    private static String line(ResolvedOption resolved) {
        OptionSpec option = resolved.option();
        if (!option.isMultiValue() && resolved.values().isEmpty()) {
            return "# " + resolved.key() + " is not set";
        }
        Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
        String value = option.isMultiValue()
                ? resolved.values().stream().map(item -> value(item, type)).collect(Collectors.joining(", ", "[", "]"))
                : value(resolved.values().getFirst(), type);
        String line = resolved.key() + " = " + value;
        return resolved.source().kind() == ValueSource.Kind.DEFAULT ? line
                : line + "  # from " + resolved.source().name();
    }

    private static String value(String text, Class<?> type) {
        if (BOOLEAN.contains(type) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (INTEGRAL.contains(type) && INTEGER.matcher(text).matches()) {
            return new BigInteger(text).toString();
        }
        return string(text);
    }

    /** A TOML basic string. */
    static String string(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
