package io.logos.delivery.api.kernel.node;

/** Receives a node's {@link KernelEvent}s; called on the node's threads and must not block. */
@FunctionalInterface
public interface KernelEventListener {

    void onEvent(KernelEvent event);
}
