package io.logos.delivery.app.plugin;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Describes one SPI to the plugin loader: the factory interface, the SPI version this node implements,
 * and how to read a factory's name and version. SPIs stay free of a common base type, so each can be
 * versioned on its own.
 *
 * @param kind a short label shown to operators, e.g. {@code archive-driver}
 */
public record SpiType<F>(String kind, Class<F> type, int version, Function<F, String> nameOf,
                         ToIntFunction<F> versionOf) {

    public SpiType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nameOf, "nameOf");
        Objects.requireNonNull(versionOf, "versionOf");
    }
}
