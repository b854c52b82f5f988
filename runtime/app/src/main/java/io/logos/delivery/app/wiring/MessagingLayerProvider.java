package io.logos.delivery.app.wiring;

import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.messaging.DefaultMessagingApiProvider;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The messaging layer over the node's kernel ({@code --entry-layer=messaging}), sending through the installed
 * send-processor plugins, keeping its last online time in the data folder. Built, not started: the node starts it
 * after the kernel.
 */
final class MessagingLayerProvider implements Provider<MessagingApi> {

    private final KernelNode kernel;
    private final List<SendProcessorFactory> sendProcessors;
    private final Clock clock;
    private final Path dataDirectory;

    @Inject
    MessagingLayerProvider(KernelNode kernel, Map<String, SendProcessorFactory> sendProcessors, Clock clock,
                           NodeConfig config) {
        this.kernel = kernel;
        this.sendProcessors = List.copyOf(sendProcessors.values());
        this.clock = clock;
        this.dataDirectory = config.dataDirectory();
    }

    @Override
    public MessagingApi get() {
        try {
            return new DefaultMessagingApiProvider().over(kernel, MessagingOptions.builder().clock(clock)
                    .stateDirectory(dataDirectory).build(),
                    sendProcessors);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("--entry-layer=messaging: " + e.getMessage());
        }
    }
}
