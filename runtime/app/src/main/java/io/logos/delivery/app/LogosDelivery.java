package io.logos.delivery.app;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.metrics.MetricsServer;
import io.logos.delivery.app.plugin.InstalledPlugin;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.rest.RestServer;
import io.logos.delivery.app.wiring.NodeModule;
import io.logos.delivery.app.wiring.PluginModule;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root object: composes the layers it was asked for, starts them bottom-up and stops them
 * top-down. A node holds its configuration, its plugins, its kernel node, with {@code --store} its archive,
 * with {@code --entry-layer=messaging} the messaging layer over the kernel, with {@code --rest} the REST API, and
 * with {@code --metrics-server} the Prometheus endpoint.
 */
public final class LogosDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogosDelivery.class);

    private final NodeConfig config;
    private final PluginRegistry plugins;
    private final Optional<ArchiveDriver> archive;
    private final KernelNode kernel;
    private final Optional<MessagingApi> messaging;
    private final Clock clock;
    private Optional<RestServer> rest = Optional.empty();
    private Optional<MetricsServer> metrics = Optional.empty();
    private boolean stopped;

    @Inject
    LogosDelivery(NodeConfig config, PluginRegistry plugins, Optional<ArchiveDriver> archive, KernelNode kernel,
                  Optional<MessagingApi> messaging, Clock clock) {
        this.config = config;
        this.plugins = plugins;
        this.archive = archive;
        this.kernel = kernel;
        this.messaging = messaging;
        this.clock = clock;
    }

    /**
     * Wires and starts a node.
     *
     * @throws NodeStartException when the configuration or a plugin keeps the node from starting
     */
    public static LogosDelivery start(NodeConfig config, PluginRegistry plugins) {
        return start(config, plugins, Clock.systemUTC());
    }

    /**
     * Wires and starts a node whose layers read {@code clock}.
     *
     * @throws NodeStartException when the configuration or a plugin keeps the node from starting
     */
    public static LogosDelivery start(NodeConfig config, PluginRegistry plugins, Clock clock) {
        long began = System.nanoTime();
        LogosDelivery node;
        try {
            node = Guice.createInjector(Stage.PRODUCTION, new PluginModule(plugins), new NodeModule(config, clock))
                    .getInstance(LogosDelivery.class);
        } catch (CreationException | ProvisionException e) {
            throw startFailure(e);
        }
        try {
            node.kernel.start().join();
            node.messaging.ifPresent(layer -> layer.start().join());
        } catch (CompletionException e) {
            node.stop();
            throw new NodeStartException(e.getCause().getMessage(), e.getCause());
        }
        try {
            node.startRest();
            node.startMetrics();
        } catch (UncheckedIOException e) {
            node.stop();
            throw new NodeStartException(e.getMessage(), e);
        }
        node.logSummary((System.nanoTime() - began) / 1_000_000);
        return node;
    }

    private synchronized void startRest() {
        if (config.rest().enabled()) {
            rest = Optional.of(RestServer.start(kernel, messaging, config, Version.current(), clock));
        }
    }

    private synchronized void startMetrics() {
        if (config.metrics().enabled()) {
            metrics = Optional.of(MetricsServer.start(config.metrics(), kernel.metrics(), Version.current()));
        }
    }

    /** Guice reports provisioning failures wrapped, once per injection point; operators need the reason. */
    private static NodeStartException startFailure(RuntimeException wrapped) {
        List<Message> messages = wrapped instanceof CreationException creation ? List.copyOf(creation.getErrorMessages())
                : wrapped instanceof ProvisionException provision ? List.copyOf(provision.getErrorMessages()) : List.of();
        for (Message message : messages) {
            for (Throwable cause = message.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidConfigurationException || cause instanceof ArchiveException
                        || cause instanceof UncheckedIOException) {
                    return new NodeStartException(cause.getMessage(), wrapped);
                }
            }
        }
        return new NodeStartException("the node could not be assembled: " + wrapped.getMessage(), wrapped);
    }

    private void logSummary(long startMillis) {
        LOG.info("Logos Delivery {} on cluster {}, max message size {} bytes", Version.current(),
                config.clusterId(), config.maxMessageSize().bytes());
        for (InstalledPlugin<?> plugin : plugins.all()) {
            LOG.info("Plugin {} '{}' {} from {}", plugin.spi().kind(), plugin.name(), plugin.version(),
                    plugin.location());
        }
        archive.ifPresentOrElse(
                driver -> LOG.info("Archive {} open, {} messages stored", config.redactedStoreUrl(), driver.count()),
                () -> LOG.info("Archive off (--store=false)"));
        kernel.listenAddresses().forEach(address -> LOG.info("Listening on {}", address));
        LOG.info("Protocols: {}", kernel.protocols());
        messaging.ifPresentOrElse(layer -> LOG.info("Messaging layer on, {} mode", layer.mode()),
                () -> LOG.info("Messaging layer off (--entry-layer=kernel)"));
        rest.ifPresentOrElse(server -> LOG.info("REST API on {}{}", server.uri(),
                        config.rest().admin() ? " with the /admin endpoints" : ""),
                () -> LOG.info("REST API off (--rest=false)"));
        metrics.ifPresentOrElse(server -> LOG.info("Metrics on {}", server.uri()),
                () -> LOG.info("Metrics server off (--metrics-server=false)"));
        LOG.info("Node started in {} ms", startMillis);
    }

    public NodeConfig config() {
        return config;
    }

    /** The kernel node: relay, light push, filter, peers. */
    public KernelNode kernel() {
        return kernel;
    }

    /** The messaging layer, present with {@code --entry-layer=messaging}. */
    public Optional<MessagingApi> messaging() {
        return messaging;
    }

    /** The archive, present when the node runs with {@code --store=true}. */
    public Optional<ArchiveDriver> archive() {
        return archive;
    }

    /** Where the REST API listens, with {@code --rest=true}; the port is the one bound, even for {@code --rest-port=0}. */
    public synchronized Optional<InetSocketAddress> restAddress() {
        return rest.map(RestServer::address);
    }

    /**
     * Where {@code /metrics} is served, with {@code --metrics-server=true}; the port is the one bound, even for
     * {@code --metrics-server-port=0}.
     */
    public synchronized Optional<InetSocketAddress> metricsAddress() {
        return metrics.map(MetricsServer::address);
    }

    /** Stops the node: the REST API and metrics first, then the layers top-down, the archive last. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        rest.ifPresent(RestServer::close);
        metrics.ifPresent(MetricsServer::close);
        messaging.ifPresent(MessagingApi::close);
        kernel.stop().join();
        archive.ifPresent(ArchiveDriver::close);
        LOG.info("Node stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
