/**
 * Stream multiplexing on a secured connection: the {@link io.logos.delivery.libp2p.mux.StreamMuxer}
 * protocols (yamux, mplex), the {@link io.logos.delivery.libp2p.mux.MuxedConnection} they yield and the
 * base of their connection handlers.
 */
package io.logos.delivery.libp2p.mux;
