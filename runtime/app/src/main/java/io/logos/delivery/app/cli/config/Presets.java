package io.logos.delivery.app.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Named sets of option values for known networks ({@code --preset}). They sit just above the
 * defaults: anything set on the command line, in the environment or in the config file wins.
 */
final class Presets {

    /**
     * The Waku Network, as nwaku's {@code twn} preset: cluster 1, autosharding over 8 shards, 150 KiB
     * messages. nwaku's preset also turns on RLN and discv5 with its bootstrap nodes; those options do
     * not exist here yet.
     */
    private static final Map<String, List<String>> THE_WAKU_NETWORK = ordered(
            "cluster-id", "1",
            "num-shards-in-network", "8",
            "max-msg-size", "150KiB");

    private static final Map<String, Map<String, List<String>>> ALL = Map.of("twn", THE_WAKU_NETWORK);

    private Presets() {
    }

    /** The option values of preset {@code name}, by option key. */
    static Map<String, List<String>> values(String name) {
        Map<String, List<String>> values = ALL.get(name);
        if (values == null) {
            throw new ConfigurationException("unknown preset '" + name + "'; known presets: "
                    + String.join(", ", ALL.keySet().stream().sorted().toList()));
        }
        return values;
    }

    /** Every preset by name; tests check that each key still names an option. */
    static Map<String, Map<String, List<String>>> all() {
        return ALL;
    }

    private static SequencedMap<String, List<String>> ordered(String... keysAndValues) {
        SequencedMap<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], List.of(keysAndValues[i + 1]));
        }
        return Collections.unmodifiableSequencedMap(values);
    }
}
