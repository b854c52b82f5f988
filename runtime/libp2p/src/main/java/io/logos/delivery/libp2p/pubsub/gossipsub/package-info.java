/**
 * The gossipsub router (gossipsub v1.0, v1.1 and v1.2 IDONTWANT) and its binding to libp2p streams. The one
 * public class, {@link io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub}, is what an application and the
 * host use; the router underneath is independent of the network and driven by method calls (ADR 0007).
 */
package io.logos.delivery.libp2p.pubsub.gossipsub;
