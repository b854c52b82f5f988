/**
 * multistream-select 1.0: protocol negotiation on a connection (security, muxer) or a stream
 * (application protocol). Entry point: {@link io.logos.delivery.libp2p.multistream.MultistreamSelect}.
 */
package io.logos.delivery.libp2p.multistream;
