/**
 * The channels layer (will hold the ReliableChannelManager implementation: SDS causal ordering,
 * de-duplication, gap repair, segmentation, the encryption hook and rate limiting).
 */
package io.logos.delivery.channels;
