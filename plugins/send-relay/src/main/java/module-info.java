/**
 * The relay send strategy of the messaging layer: publishes a node's outgoing messages on its own gossipsub
 * meshes. Tried first; when the node has no relay peers the next strategy (light push) takes over.
 */
module io.logos.delivery.plugin.send.relay {
    requires io.logos.delivery.spi.messaging;

    provides io.logos.delivery.spi.messaging.SendProcessorFactory
            with io.logos.delivery.plugin.send.relay.RelaySendProcessorFactory;
}
