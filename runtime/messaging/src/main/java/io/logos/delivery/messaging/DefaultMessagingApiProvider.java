package io.logos.delivery.messaging;

import io.logos.delivery.api.kernel.node.NodeSettings;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.kernel.node.WakuNodeFactory;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.MessagingApiProvider;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.api.messaging.NodeOverrides;
import io.logos.delivery.api.messaging.Preset;
import io.logos.delivery.messaging.delivery.DeliveryThread;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds messaging layers: over a node given by the caller, or over a node built from a preset through the
 * kernel's {@link WakuNodeFactory}. Send strategies come from the installed {@link SendProcessorFactory} plugins
 * unless the caller (the application's wiring) passes them.
 */
public final class DefaultMessagingApiProvider implements MessagingApiProvider {

    /** The name of the thread a running messaging layer delivers on; a kernel-only node has none. */
    public static final String DELIVERY_THREAD = DeliveryThread.NAME;

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMessagingApiProvider.class);

    @Override
    public MessagingApi create(Preset preset, Mode mode, NodeOverrides overrides, MessagingOptions options) {
        WakuNode node = WakuNodeFactory.load().create(settings(preset, mode, overrides, options));
        MessagingOptions withState = options.stateDirectory().isPresent() ? options
                : options.toBuilder().stateDirectory(overrides.dataDirectory()).build();
        return new DeliveryMessagingApi(node, true, withState, chain(node, installedFactories()));
    }

    @Override
    public MessagingApi over(WakuNode node, MessagingOptions options) {
        return over(node, options, installedFactories());
    }

    /** A messaging layer over {@code node} sending through the processors {@code factories} make for it. */
    public MessagingApi over(WakuNode node, MessagingOptions options, List<SendProcessorFactory> factories) {
        return new DeliveryMessagingApi(node, false, options, chain(node, factories));
    }

    static NodeSettings settings(Preset preset, Mode mode, NodeOverrides overrides, MessagingOptions options) {
        boolean core = mode == Mode.CORE;
        List<String> entryNodes = overrides.entryNodes().isEmpty() ? preset.entryNodes() : overrides.entryNodes();
        return NodeSettings.builder(overrides.clusterId().orElse(preset.clusterId()),
                        overrides.numShards().orElse(preset.numShards()))
                .listenAddresses(overrides.listenAddresses().isEmpty() ? preset.listenAddresses()
                        : overrides.listenAddresses())
                .relay(core)
                .services(core, core)
                .staticNodes(dialable(entryNodes))
                .storeNodes(overrides.storeNodes())
                .maxMessageSize(overrides.maxMessageSize().orElse(preset.maxMessageSize()))
                .dataDirectory(overrides.dataDirectory())
                .clock(options.clock())
                .build();
    }

    /** The entry nodes given as multiaddrs; DNS discovery trees cannot be resolved yet. */
    private static List<String> dialable(List<String> entryNodes) {
        entryNodes.stream().filter(node -> node.startsWith("enrtree:")).forEach(node -> LOG.warn(
                "Entry node {} skipped: DNS discovery is not supported yet; give entry nodes as multiaddrs", node));
        return entryNodes.stream().filter(node -> !node.startsWith("enrtree:")).toList();
    }

    private static List<SendProcessorFactory> installedFactories() {
        return ServiceLoader.load(SendProcessorFactory.class, DefaultMessagingApiProvider.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The processors the factories make for {@code node}, lowest priority first. */
    static List<SendProcessor> chain(WakuNode node, List<SendProcessorFactory> factories) {
        List<SendProcessor> chain = factories.stream()
                .peek(DefaultMessagingApiProvider::checkVersion)
                .sorted(Comparator.comparingInt(SendProcessorFactory::priority))
                .flatMap(factory -> factory.create(node).stream())
                .toList();
        if (chain.isEmpty()) {
            throw new IllegalStateException("no send strategy can send through this node; installed: "
                    + factories.stream().map(SendProcessorFactory::name).toList()
                    + " (install the send-relay and send-lightpush plugins)");
        }
        return chain;
    }

    private static void checkVersion(SendProcessorFactory factory) {
        if (factory.spiVersion() != SendProcessorFactory.SPI_VERSION) {
            throw new IllegalStateException("send strategy '" + factory.name() + "' implements SPI version "
                    + factory.spiVersion() + ", this node needs " + SendProcessorFactory.SPI_VERSION);
        }
    }
}
