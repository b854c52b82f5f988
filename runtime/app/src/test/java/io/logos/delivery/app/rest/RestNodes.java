package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.config.MetricsConfig;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginLoader;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.plugin.TestPluginJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Real nodes on loopback with ephemeral libp2p and REST ports, each with its own data folder, and the plugins of
 * the distribution (memory archive, relay and light push sending); all stopped by {@link #close()}.
 */
final class RestNodes implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final PluginRegistry plugins;
    private final List<LogosDelivery> started = new ArrayList<>();

    RestNodes(Path root) {
        this.root = root;
        try {
            Path folder = Files.createDirectories(root.resolve("plugins"));
            TestPluginJars.installDistributionPlugins(folder);
            this.plugins = new PluginLoader(NodeSpis.ALL).load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REST config on a free port of 127.0.0.1. */
    static RestConfig rest(boolean admin, List<String> allowOrigins) {
        return new RestConfig(true, "127.0.0.1", 0, admin, allowOrigins, RestConfig.DEFAULT_RELAY_CACHE_CAPACITY);
    }

    /** nwaku's default protocols: relay on autosharding over one shard of cluster 0. */
    static ProtocolsConfig protocols() {
        return ProtocolsConfig.defaults();
    }

    LogosDelivery start(ProtocolsConfig protocols, RestConfig rest) {
        return start(protocols, rest, false);
    }

    /** @param store whether the node keeps an archive (in memory) and serves store queries from it */
    LogosDelivery start(ProtocolsConfig protocols, RestConfig rest, boolean store) {
        return start(protocols, rest, store, MetricsConfig.disabled(), EntryLayer.KERNEL);
    }

    /** @param layer the top layer: the kernel alone, or the messaging layer over it */
    LogosDelivery start(ProtocolsConfig protocols, RestConfig rest, boolean store, EntryLayer layer) {
        return start(protocols, rest, store, MetricsConfig.disabled(), layer);
    }

    LogosDelivery start(ProtocolsConfig protocols, RestConfig rest, boolean store, MetricsConfig metrics) {
        return start(protocols, rest, store, metrics, EntryLayer.KERNEL);
    }

    private LogosDelivery start(ProtocolsConfig protocols, RestConfig rest, boolean store, MetricsConfig metrics,
                                EntryLayer layer) {
        Path data = root.resolve("node" + started.size());
        NetworkConfig network = new NetworkConfig("127.0.0.1", 0, false, 0, Optional.empty(), 150, Optional.empty(),
                "rest-test");
        LogosDelivery node = LogosDelivery.start(new NodeConfig(0, MessageSizeLimit.DEFAULT, store, "memory://", 5,
                root.resolve("plugins"), data, network, protocols, rest, metrics, layer), plugins);
        started.add(node);
        return node;
    }

    /** A metrics server on a free port of 127.0.0.1, names in the {@code prefix} namespace. */
    static MetricsConfig metrics(String prefix) {
        return new MetricsConfig(true, "127.0.0.1", 0, prefix);
    }

    static RestClient client(LogosDelivery node) {
        return new RestClient(node.restAddress().orElseThrow());
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        started.reversed().forEach(LogosDelivery::stop);
    }
}
