/**
 * libp2p publish/subscribe: the application interface ({@link io.logos.delivery.libp2p.pubsub.PubSub}), the
 * messages and validators it deals with, the configuration of the gossipsub router, and the two interfaces
 * between pubsub and the libp2p host ({@link io.logos.delivery.libp2p.pubsub.PubSubNetwork},
 * {@link io.logos.delivery.libp2p.pubsub.PubSubConnections}). The router itself lives in
 * {@code io.logos.delivery.libp2p.pubsub.gossipsub}.
 */
package io.logos.delivery.libp2p.pubsub;
