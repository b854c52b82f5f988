package io.logos.delivery.plugin.send.lightpush;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.util.Optional;

/** The {@code lightpush} send strategy: available on every node (the light push client always is), after relay. */
public final class LightpushSendProcessorFactory implements SendProcessorFactory {

    /** After relay (100): light push is the fallback of relaying nodes. */
    public static final int PRIORITY = 200;

    @Override
    public String name() {
        return LightpushSendProcessor.NAME;
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
        return Optional.of(new LightpushSendProcessor(node.lightpush()));
    }
}
