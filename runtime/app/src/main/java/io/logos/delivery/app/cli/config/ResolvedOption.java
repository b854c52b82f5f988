package io.logos.delivery.app.cli.config;

import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option's effective value, as the text the command parses, and its source.
 *
 * @param key the flag without dashes
 * @param option the option's spec (its type decides how the value is written as TOML)
 * @param values the value, one entry per element of a repeatable option; empty when unset
 * @param source where the value came from
 */
public record ResolvedOption(String key, OptionSpec option, List<String> values, ValueSource source) {

    public ResolvedOption {
        values = List.copyOf(values);
    }

    /** Whether the command line has to be told this value (the command knows its own defaults). */
    boolean needsArguments() {
        return source.kind() != ValueSource.Kind.COMMAND_LINE && source.kind() != ValueSource.Kind.DEFAULT;
    }
}
