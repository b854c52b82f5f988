package io.logos.delivery.api.kernel.node;

import java.util.ServiceLoader;

/**
 * Builds kernel nodes from {@link NodeSettings}, for code that must not depend on the kernel's implementation
 * (upper layers, libraries). The kernel runtime module provides it.
 */
public interface WakuNodeFactory {

    /**
     * A node, not started yet.
     *
     * @throws IllegalArgumentException when a setting cannot be used (an unparsable multiaddr, …), naming it
     */
    WakuNode create(NodeSettings settings);

    /** The factory on the module path or class path. */
    static WakuNodeFactory load() {
        return ServiceLoader.load(WakuNodeFactory.class, WakuNodeFactory.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(WakuNodeFactory.class).findFirst())
                .orElseThrow(() -> new IllegalStateException(
                        "no kernel runtime found: put the io.logos.delivery.kernel module on the module path"));
    }
}
