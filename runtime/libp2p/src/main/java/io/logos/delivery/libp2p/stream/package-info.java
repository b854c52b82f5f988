/**
 * One stream of a multiplexed connection as a Netty child channel
 * ({@link io.logos.delivery.libp2p.stream.MuxedStreamChannel}) and the interface a muxer implements to
 * carry it ({@link io.logos.delivery.libp2p.stream.StreamTransport}).
 */
package io.logos.delivery.libp2p.stream;
