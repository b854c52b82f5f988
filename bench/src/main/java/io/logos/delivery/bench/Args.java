package io.logos.delivery.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options with defaults. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    List<String> strings(String name, String fallback) {
        return java.util.Arrays.stream(string(name, fallback).split(",")).map(String::trim).toList();
    }

    List<Integer> integers(String name, String fallback) {
        return java.util.Arrays.stream(string(name, fallback).split(",")).map(String::trim).map(Integer::parseInt)
                .toList();
    }
}
