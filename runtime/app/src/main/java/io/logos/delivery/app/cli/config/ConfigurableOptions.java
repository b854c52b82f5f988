package io.logos.delivery.app.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command's options that take a value, under the names each source uses for them, derived from the
 * option specs alone so that a flag added to the command is configurable everywhere at once: the key
 * is the flag without its dashes ({@code tcp-port}), the environment variable is {@code WAKUNODE2_}
 * and the key in upper snake case ({@code WAKUNODE2_TCP_PORT}). Options that take no value
 * ({@code --help}, {@code --list-plugins}, {@code --dump-config}) are actions and come from the command
 * line only.
 */
final class ConfigurableOptions {

    /** nwaku's prefix, so an operator's existing environment carries over. */
    static final String ENVIRONMENT_PREFIX = "WAKUNODE2_";

    private final Map<String, OptionSpec> byKey;

    private ConfigurableOptions(Map<String, OptionSpec> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    static ConfigurableOptions of(CommandSpec command) {
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp() && !option.versionHelp() && option.arity().max() > 0) {
                byKey.put(key(option), option);
            }
        }
        return new ConfigurableOptions(byKey);
    }

    /** {@code --tcp-port} → {@code tcp-port}. */
    static String key(OptionSpec option) {
        return key(option.longestName());
    }

    static String key(String flag) {
        return flag.replaceFirst("^-+", "");
    }

    /** {@code tcp-port} → {@code WAKUNODE2_TCP_PORT}. */
    static String environmentName(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Keys in the command's declaration order. */
    Set<String> keys() {
        return byKey.keySet();
    }

    Map<String, OptionSpec> byKey() {
        return byKey;
    }

    Optional<OptionSpec> option(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
