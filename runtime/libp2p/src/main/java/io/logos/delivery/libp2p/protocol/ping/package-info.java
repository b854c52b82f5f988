/** The libp2p ping protocol, {@code /ipfs/ping/1.0.0}. */
package io.logos.delivery.libp2p.protocol.ping;
