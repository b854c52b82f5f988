/**
 * The Waku core data model: {@link io.logos.delivery.api.kernel.WakuMessage},
 * {@link io.logos.delivery.api.kernel.ContentTopic}, {@link io.logos.delivery.api.kernel.PubsubTopic},
 * {@link io.logos.delivery.api.kernel.RelayShard}, {@link io.logos.delivery.api.kernel.AutoSharding}
 * and the deterministic {@link io.logos.delivery.api.kernel.MessageHash}. Every type is immutable and
 * validated at construction.
 */
package io.logos.delivery.api.kernel;
