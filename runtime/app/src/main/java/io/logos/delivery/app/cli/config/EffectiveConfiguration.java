package io.logos.delivery.app.cli.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every configurable option's value after the sources were merged, with where each came from. The
 * command runs on {@link #arguments()}: the operator's arguments followed by one argument per value
 * that came from the environment, the config file or a preset, so that the command parses and
 * converts every value the same way whatever its source.
 */
public final class EffectiveConfiguration {

    private final List<String> commandLine;
    private final List<ResolvedOption> options;
    private final Set<String> notInFile;

    EffectiveConfiguration(List<String> commandLine, List<ResolvedOption> options, Set<String> notInFile) {
        this.commandLine = List.copyOf(commandLine);
        this.options = List.copyOf(options);
        this.notInFile = Set.copyOf(notInFile);
    }

    /** The options in the command's declaration order. */
    public List<ResolvedOption> options() {
        return options;
    }

    /** The arguments to run the command with. */
    public String[] arguments() {
        List<String> arguments = new ArrayList<>(commandLine);
        for (ResolvedOption resolved : options) {
            if (resolved.needsArguments()) {
                String flag = resolved.option().longestName();
                resolved.values().forEach(value -> arguments.add(flag + "=" + value));
            }
        }
        return arguments.toArray(String[]::new);
    }

    /** Where {@code arg}'s value came from, when it was not the command line or the default. */
    public Optional<ValueSource> sourceOf(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return Optional.empty();
        }
        String key = ConfigurableOptions.key(option);
        return options.stream()
                .filter(resolved -> resolved.key().equals(key) && resolved.needsArguments())
                .map(ResolvedOption::source)
                .findFirst();
    }

    /** The configuration as a TOML file that {@code --config-file} reads back, each line a key. */
    public String toToml(String header) {
        return TomlWriter.write(header, options.stream().filter(option -> !notInFile.contains(option.key())).toList());
    }

    @Override
    public String toString() {
        return "EffectiveConfiguration" + Arrays.toString(arguments());
    }
}
