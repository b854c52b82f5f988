/** The libp2p identify protocol, {@code /ipfs/id/1.0.0}, and identify push, {@code /ipfs/id/push/1.0.0}. */
package io.logos.delivery.libp2p.protocol.identify;
