package io.logos.delivery.libp2p.pubsub;

/** A handler's subscription to a topic; see {@link PubSub#subscribe}. */
public interface Subscription {

    /** The subscribed topic. */
    String topic();

    /**
     * Stops delivering messages to this subscription's handler. When it was the topic's last handler, we
     * leave the topic: peers are told and our mesh for it is pruned. Calling it again does nothing.
     */
    void unsubscribe();
}
