/**
 * mplex ({@code /mplex/6.7.0}): {@link io.logos.delivery.libp2p.mux.mplex.MplexMuxer} installs a
 * {@link io.logos.delivery.libp2p.mux.mplex.MplexSession}. No flow control: slow readers get their stream
 * reset.
 */
package io.logos.delivery.libp2p.mux.mplex;
