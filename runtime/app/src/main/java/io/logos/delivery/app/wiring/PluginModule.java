package io.logos.delivery.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.plugin.SpiType;

/**
 * Turns the loaded plugins into Guice bindings: for each SPI a {@code Map<String, Factory>} by name,
 * so choice points inject the map and pick by configuration. Plugins themselves never see Guice.
 */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        for (SpiType<?> spi : NodeSpis.ALL) {
            bindFactories(spi);
        }
    }

    private <F> void bindFactories(SpiType<F> spi) {
        MapBinder<String, F> byName = MapBinder.newMapBinder(binder(), String.class, spi.type());
        registry.factories(spi).forEach((name, factory) -> byName.addBinding(name).toInstance(factory));
    }
}
