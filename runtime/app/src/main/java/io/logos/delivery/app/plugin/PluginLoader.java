package io.logos.delivery.app.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: the providers linked into the node (the boot layer) and
 * those in the jars of a plugins folder, which are resolved into a child {@link ModuleLayer}, each
 * module with its own class loader. Every factory's SPI version is checked here, so a plugin built
 * for another SPI version fails at start-up, naming its jar, rather than at first use.
 */
public final class PluginLoader {

    private final List<SpiType<?>> spis;

    public PluginLoader(List<SpiType<?>> spis) {
        this.spis = List.copyOf(spis);
    }

    /**
     * Loads every plugin of the boot layer and of the jars in {@code directory} (a missing folder has none).
     *
     * @throws PluginLoadException naming the jar at fault
     */
    public PluginRegistry load(Path directory) {
        ModuleLayer layer = pluginLayer(directory);
        List<InstalledPlugin<?>> plugins = new ArrayList<>();
        for (SpiType<?> spi : spis) {
            plugins.addAll(providers(layer, spi));
        }
        return new PluginRegistry(plugins);
    }

    private static ModuleLayer pluginLayer(Path directory) {
        ModuleLayer boot = ModuleLayer.boot();
        List<Path> jars = jarsIn(directory);
        if (jars.isEmpty()) {
            return boot;
        }
        Map<String, Path> jarByModule = modulesOf(jars);
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        try {
            Configuration configuration = boot.configuration()
                    .resolveAndBind(finder, ModuleFinder.of(), jarByModule.keySet());
            return boot.defineModulesWithManyLoaders(configuration, ClassLoader.getSystemClassLoader());
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginLoadException("cannot load the plugins in " + directory + ": " + e.getMessage()
                    + " (plugin jars: " + jarByModule + ")", e);
        }
    }

    private static List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder " + directory, e);
        }
    }

    private static Map<String, Path> modulesOf(List<Path> jars) {
        Map<String, Path> jarByModule = new LinkedHashMap<>();
        for (Path jar : jars) {
            Set<ModuleReference> modules;
            try {
                modules = ModuleFinder.of(jar).findAll();
            } catch (FindException e) {
                throw new PluginLoadException("plugin jar " + jar + " is not a usable module: " + rootMessage(e), e);
            }
            for (ModuleReference module : modules) {
                String name = module.descriptor().name();
                if (ModuleLayer.boot().findModule(name).isPresent()) {
                    throw new PluginLoadException("plugin jar " + jar + " holds module " + name
                            + ", which is already part of the node");
                }
                Path other = jarByModule.putIfAbsent(name, jar);
                if (other != null) {
                    throw new PluginLoadException("plugin jars " + other + " and " + jar + " both hold module " + name);
                }
            }
        }
        return jarByModule;
    }

    private static <F> List<InstalledPlugin<F>> providers(ModuleLayer layer, SpiType<F> spi) {
        Map<String, InstalledPlugin<F>> byName = new HashMap<>();
        List<InstalledPlugin<F>> found = new ArrayList<>();
        for (ServiceLoader.Provider<F> provider : ServiceLoader.load(layer, spi.type()).stream().toList()) {
            Module module = provider.type().getModule();
            String location = locationOf(module);
            F factory = instantiate(provider, spi, location);
            String name = spi.nameOf().apply(factory);
            int version = spi.versionOf().applyAsInt(factory);
            if (version != spi.version()) {
                throw new PluginLoadException("plugin " + location + " provides " + spi.kind() + " '" + name
                        + "' for SPI version " + version + ", but this node implements version " + spi.version());
            }
            InstalledPlugin<F> plugin = new InstalledPlugin<>(spi, name, versionOf(module), location, factory);
            InstalledPlugin<F> clash = byName.putIfAbsent(name, plugin);
            if (clash != null) {
                throw new PluginLoadException(spi.kind() + " '" + name + "' is provided twice: by "
                        + clash.location() + " and by " + location);
            }
            found.add(plugin);
        }
        return found;
    }

    private static <F> F instantiate(ServiceLoader.Provider<F> provider, SpiType<F> spi, String location) {
        try {
            return provider.get();
        } catch (ServiceConfigurationError | RuntimeException e) {
            throw new PluginLoadException("plugin " + location + " failed to create its " + spi.kind() + " factory "
                    + provider.type().getName() + ": " + rootMessage(e), e);
        }
    }

    private static String versionOf(Module module) {
        return module.getDescriptor() == null ? "unversioned"
                : module.getDescriptor().rawVersion().orElse("unversioned");
    }

    private static String locationOf(Module module) {
        ModuleLayer layer = module.getLayer();
        if (layer == null) {
            return "class path";
        }
        return layer.configuration().findModule(module.getName())
                .flatMap(resolved -> resolved.reference().location())
                .map(PluginLoader::displayable)
                .orElse(module.getName());
    }

    private static String displayable(URI location) {
        return "file".equals(location.getScheme()) ? Path.of(location).toString() : location.toString();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + root.getMessage();
    }
}
