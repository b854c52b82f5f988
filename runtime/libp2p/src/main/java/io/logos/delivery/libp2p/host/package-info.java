/**
 * The libp2p host: listens and dials over the transports, upgrades each raw connection (multistream-select,
 * Noise, a muxer), keeps connections within limits, dispatches inbound streams to protocol handlers by
 * protocol id, and runs identify and ping.
 */
package io.logos.delivery.libp2p.host;
