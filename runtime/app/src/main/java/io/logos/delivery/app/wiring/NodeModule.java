package io.logos.delivery.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.time.Clock;

/** Binds the node's configuration and the services it turns on. */
public final class NodeModule extends AbstractModule {

    private final NodeConfig config;
    private final Clock clock;

    /** @param clock the time every layer reads (TTLs, retries, retention); tests pass one they control */
    public NodeModule(NodeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(NodeConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        bind(KernelNode.class).toProvider(KernelNodeProvider.class).in(Singleton.class);
        OptionalBinder<ArchiveDriver> archive = OptionalBinder.newOptionalBinder(binder(), ArchiveDriver.class);
        if (config.store()) {
            archive.setBinding().toProvider(ArchiveDriverProvider.class).in(Singleton.class);
        }
        OptionalBinder<MessagingApi> messaging = OptionalBinder.newOptionalBinder(binder(), MessagingApi.class);
        if (config.entryLayer() == EntryLayer.MESSAGING) {
            messaging.setBinding().toProvider(MessagingLayerProvider.class).in(Singleton.class);
        }
    }
}
