/**
 * The wire form of Waku messages: {@link io.logos.delivery.kernel.message.WakuMessageCodec} encodes
 * and decodes the 14/WAKU2-MESSAGE protobuf byte-compatibly with nwaku, and
 * {@link io.logos.delivery.kernel.message.MalformedMessageException} says why received bytes were
 * rejected.
 */
package io.logos.delivery.kernel.message;
