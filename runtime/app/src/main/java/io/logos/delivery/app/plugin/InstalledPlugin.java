package io.logos.delivery.app.plugin;

/**
 * A factory found by the plugin loader.
 *
 * @param name the name configuration selects it by
 * @param version the version of the module that provides it
 * @param location where that module was loaded from: a jar path, or {@code jrt:/…} inside a runtime image
 */
public record InstalledPlugin<F>(SpiType<F> spi, String name, String version, String location, F factory) {
}
