/**
 * Streams that carry unsigned-varint length-prefixed frames (the framing of every Waku request/response
 * protocol), behind futures and byte arrays so that protocol code needs no Netty types.
 */
package io.logos.delivery.libp2p.framed;
