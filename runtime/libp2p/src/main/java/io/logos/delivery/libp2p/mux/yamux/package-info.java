/**
 * yamux ({@code /yamux/1.0.0}): {@link io.logos.delivery.libp2p.mux.yamux.YamuxMuxer} installs a
 * {@link io.logos.delivery.libp2p.mux.yamux.YamuxSession} with per-stream flow control, ping and go-away.
 */
package io.logos.delivery.libp2p.mux.yamux;
