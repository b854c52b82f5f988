/**
 * The libp2p stack (will hold the Host with dial, listen and stream handlers, transports on Netty,
 * multistream-select, Noise, yamux, mplex, identify, ping and gossipsub behind a PubSub interface).
 * Nothing here knows of Waku.
 */
package io.logos.delivery.libp2p;
