package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.node.WakuNode;
import java.util.ServiceLoader;

/**
 * The implementation behind {@link MessagingApi}'s factory methods, found with {@link ServiceLoader}. The
 * messaging runtime module provides it; applications do not call it.
 */
public interface MessagingApiProvider {

    /** Builds a kernel node for {@code mode} from the preset and overrides, and a messaging layer over it. */
    MessagingApi create(Preset preset, Mode mode, NodeOverrides overrides, MessagingOptions options);

    /** A messaging layer over a kernel node someone else built and starts. */
    MessagingApi over(WakuNode node, MessagingOptions options);

    /** The provider on the module path or class path. */
    static MessagingApiProvider load() {
        return ServiceLoader.load(MessagingApiProvider.class, MessagingApiProvider.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(MessagingApiProvider.class).findFirst())
                .orElseThrow(() -> new IllegalStateException(
                        "no messaging runtime found: put the io.logos.delivery.messaging module on the module path"));
    }
}
