/**
 * Light push: {@link io.logos.delivery.kernel.lightpush.LightpushServer} publishes, with relay, the messages
 * light clients hand it; {@link io.logos.delivery.kernel.lightpush.DefaultLightpushClient} hands messages to
 * a service peer. Both speak v3 ({@code /vac/waku/lightpush/3.0.0}) and the legacy
 * {@code /vac/waku/lightpush/2.0.0-beta1}.
 *
 * <p>Status codes follow nwaku and js-waku (420 invalid message, 503 service unavailable, 505 no peers to
 * relay), with three choices of our own where nwaku is silent or lax: an encoded message over the size limit
 * is 413 (nwaku: 420), a pubsub topic this node does not serve is 421 (nwaku publishes anyway), and an
 * invalid content topic is 420 whatever the reason (nwaku: 500 for a generation above 0). The client treats
 * an answer for another request id as 500, like nwaku's client.
 */
package io.logos.delivery.kernel.lightpush;
