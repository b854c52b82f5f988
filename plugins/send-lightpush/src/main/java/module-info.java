/**
 * The light push send strategy of the messaging layer: asks a light push service peer to relay a node's outgoing
 * messages. The only strategy of edge nodes, and a core node's fallback when it has no relay peers.
 */
module io.logos.delivery.plugin.send.lightpush {
    requires io.logos.delivery.spi.messaging;

    provides io.logos.delivery.spi.messaging.SendProcessorFactory
            with io.logos.delivery.plugin.send.lightpush.LightpushSendProcessorFactory;
}
