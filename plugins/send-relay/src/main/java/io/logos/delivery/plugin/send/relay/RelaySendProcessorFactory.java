package io.logos.delivery.plugin.send.relay;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.util.Optional;

/** The {@code relay} send strategy: available on nodes that mount relay, tried before light push. */
public final class RelaySendProcessorFactory implements SendProcessorFactory {

    /** Before light push (200): a relaying node sends through its own meshes first. */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return RelaySendProcessor.NAME;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<SendProcessor> create(WakuNode node) {
        return node.relay().map(RelaySendProcessor::new);
    }
}
