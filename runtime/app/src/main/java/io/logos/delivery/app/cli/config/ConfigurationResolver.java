package io.logos.delivery.app.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Merges the configuration sources of a command, option by option: the command line, then
 * {@code WAKUNODE2_*} environment variables, then the TOML file named by {@value #CONFIG_FILE}, then the
 * preset named by {@value #PRESET}, then the option's default. Everything is derived from the
 * command's option specs, so an option added to the command needs nothing here.
 */
public final class ConfigurationResolver {

    /** The option naming the TOML file; it can come from the command line or the environment. */
    public static final String CONFIG_FILE = "--config-file";

    /** The option naming a preset; it can come from any source but a preset. */
    public static final String PRESET = "--preset";

    private ConfigurationResolver() {
    }

    /**
     * Parses {@code args} with {@code command} and merges in the other sources. Help and version
     * requests skip the other sources, so that a broken environment never hides the help.
     *
     * @throws CommandLine.ParameterException when the command line itself is wrong
     * @throws ConfigurationException when the environment, the file or the preset is
     */
    public static EffectiveConfiguration resolve(CommandLine command, String[] args, Map<String, String> environment) {
        ParseResult commandLine = command.parseArgs(args);
        ConfigurableOptions options = ConfigurableOptions.of(command.getCommandSpec());
        boolean informational = commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested();
        Map<String, List<String>> fromEnvironment = informational ? Map.of()
                : EnvironmentSource.read(environment, options);

        String configFileKey = ConfigurableOptions.key(CONFIG_FILE);
        Optional<String> configFile = informational ? Optional.empty()
                : single(commandLine, options, configFileKey).or(() -> first(fromEnvironment, configFileKey));
        Map<String, List<String>> fromFile = configFile
                .map(file -> TomlFileSource.read(Path.of(file), options, Set.of(configFileKey)))
                .orElse(Map.of());

        String presetKey = ConfigurableOptions.key(PRESET);
        Optional<String> preset = single(commandLine, options, presetKey)
                .or(() -> first(fromEnvironment, presetKey))
                .or(() -> first(fromFile, presetKey))
                .filter(name -> !name.isEmpty());
        Map<String, List<String>> fromPreset = preset.map(Presets::values).orElse(Map.of());
        fromPreset.keySet().stream().filter(key -> options.option(key).isEmpty()).findFirst().ifPresent(key -> {
            throw new IllegalStateException("preset " + preset.orElseThrow() + " sets '" + key + "', which is no option");
        });

        List<ResolvedOption> resolved = new ArrayList<>();
        for (Map.Entry<String, OptionSpec> entry : options.byKey().entrySet()) {
            String key = entry.getKey();
            OptionSpec option = entry.getValue();
            if (commandLine.hasMatchedOption(option)) {
                resolved.add(new ResolvedOption(key, option, option.stringValues(), ValueSource.COMMAND_LINE));
            } else if (fromEnvironment.containsKey(key)) {
                resolved.add(new ResolvedOption(key, option, fromEnvironment.get(key),
                        ValueSource.environment(ConfigurableOptions.environmentName(key))));
            } else if (fromFile.containsKey(key)) {
                resolved.add(new ResolvedOption(key, option, fromFile.get(key),
                        ValueSource.configFile(configFile.orElseThrow())));
            } else if (fromPreset.containsKey(key)) {
                resolved.add(new ResolvedOption(key, option, fromPreset.get(key), ValueSource.preset(preset.orElseThrow())));
            } else {
                List<String> defaultValue = option.defaultValue() == null ? List.of() : List.of(option.defaultValue());
                resolved.add(new ResolvedOption(key, option, defaultValue, ValueSource.DEFAULT));
            }
        }
        return new EffectiveConfiguration(List.of(args), resolved, Set.of(configFileKey));
    }

    private static Optional<String> single(ParseResult commandLine, ConfigurableOptions options, String key) {
        return options.option(key).filter(commandLine::hasMatchedOption)
                .map(option -> option.stringValues().getFirst());
    }

    private static Optional<String> first(Map<String, List<String>> source, String key) {
        return Optional.ofNullable(source.get(key)).filter(values -> !values.isEmpty()).map(List::getFirst);
    }
}
