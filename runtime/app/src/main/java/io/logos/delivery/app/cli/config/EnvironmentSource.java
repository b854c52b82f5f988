package io.logos.delivery.app.cli.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads options from {@code WAKUNODE2_*} environment variables. A repeatable option takes a
 * comma-separated list ({@code WAKUNODE2_SHARD=0,1}); any other option takes the whole value. A
 * {@code WAKUNODE2_} variable that names no option is rejected, so a typo never goes unnoticed.
 */
final class EnvironmentSource {

    private EnvironmentSource() {
    }

    /** The values set by {@code environment}, by option key. */
    static Map<String, List<String>> read(Map<String, String> environment, ConfigurableOptions options) {
        Map<String, String> keysByVariable = new LinkedHashMap<>();
        options.keys().forEach(key -> keysByVariable.put(ConfigurableOptions.environmentName(key), key));
        Map<String, List<String>> values = new LinkedHashMap<>();
        // sorted, so that with several typos the error names the same one every time
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ConfigurableOptions.ENVIRONMENT_PREFIX)) {
                continue;
            }
            String key = keysByVariable.get(name);
            if (key == null) {
                throw new ConfigurationException("unknown environment variable " + name
                        + NearestName.hint(name, keysByVariable.keySet()));
            }
            values.put(key, split(options.byKey().get(key), variable.getValue()));
        }
        return values;
    }

    private static List<String> split(OptionSpec option, String value) {
        if (!option.isMultiValue()) {
            return List.of(value);
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }
}
