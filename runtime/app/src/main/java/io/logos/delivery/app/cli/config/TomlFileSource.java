package io.logos.delivery.app.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads options from a TOML file ({@code --config-file}). Keys are the flags without their dashes,
 * at the top level ({@code tcp-port = 60001}); a repeatable option takes an array
 * ({@code shard = [0, 1]}) or a single value; strings, integers and booleans are given as themselves.
 * Unknown keys are rejected with the nearest valid one suggested.
 */
final class TomlFileSource {

    private static final TomlMapper TOML = new TomlMapper();

    private TomlFileSource() {
    }

    /**
     * The values set by {@code file}, by option key.
     *
     * @param excluded keys that make no sense in a file (the file's own path)
     */
    static Map<String, List<String>> read(Path file, ConfigurableOptions options, Set<String> excluded) {
        JsonNode root = parse(file);
        if (!root.isObject()) {
            throw new ConfigurationException(file + ": expected key = value lines");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            OptionSpec option = options.option(key).filter(found -> !excluded.contains(key)).orElseThrow(
                    () -> unknownKey(key, file, options, excluded));
            values.put(key, values(entry.getValue(), option, key, file));
        }
        return values;
    }

    private static JsonNode parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        try {
            return TOML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation location = e.getLocation();
            String line = location != null && location.getLineNr() > 0 ? " line " + location.getLineNr() : "";
            throw new ConfigurationException(file + line + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ConfigurationException unknownKey(String key, Path file, ConfigurableOptions options,
                                                     Set<String> excluded) {
        List<String> valid = options.keys().stream().filter(candidate -> !excluded.contains(candidate)).toList();
        return new ConfigurationException("unknown key '" + key + "' in " + file + NearestName.hint(key, valid));
    }

    private static List<String> values(JsonNode value, OptionSpec option, String key, Path file) {
        if (!value.isArray()) {
            return List.of(scalar(value, key, file));
        }
        if (!option.isMultiValue()) {
            throw new ConfigurationException("'" + key + "' in " + file + " takes one value, not an array");
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(scalar(item, key, file)));
        return items;
    }

    private static String scalar(JsonNode value, String key, Path file) {
        if (value.isContainerNode()) {
            throw new ConfigurationException("'" + key + "' in " + file + " takes a string, number or boolean, not "
                    + (value.isArray() ? "a nested array" : "a table"));
        }
        return value.asText();
    }
}
