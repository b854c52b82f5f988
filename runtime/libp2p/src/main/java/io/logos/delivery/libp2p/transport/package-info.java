/**
 * Transports: how raw byte connections are made and accepted (TCP, WebSocket) on Netty, with epoll
 * when the platform has it and NIO otherwise. Security and multiplexing are layered on top by the host.
 */
package io.logos.delivery.libp2p.transport;
