package io.logos.delivery.api.kernel.node;

/** Receives messages from the node; called on the node's threads, in arrival order, and must not block. */
@FunctionalInterface
public interface MessageListener {

    void onMessage(ReceivedMessage message);
}
