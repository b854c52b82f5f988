package io.logos.delivery.app.plugin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plugins a node found, by SPI and name. */
public final class PluginRegistry {

    private final List<InstalledPlugin<?>> plugins;

    PluginRegistry(List<InstalledPlugin<?>> plugins) {
        this.plugins = plugins.stream()
                .sorted(Comparator.comparing((InstalledPlugin<?> p) -> p.spi().kind()).thenComparing(InstalledPlugin::name))
                .toList();
    }

    /** Every plugin, ordered by SPI kind and name. */
    public List<InstalledPlugin<?>> all() {
        return plugins;
    }

    /** The factories of one SPI by name, in name order. */
    public <F> Map<String, F> factories(SpiType<F> spi) {
        Map<String, F> byName = new TreeMap<>();
        for (InstalledPlugin<?> plugin : plugins) {
            if (plugin.spi().equals(spi)) {
                byName.put(plugin.name(), spi.type().cast(plugin.factory()));
            }
        }
        return byName;
    }
}
