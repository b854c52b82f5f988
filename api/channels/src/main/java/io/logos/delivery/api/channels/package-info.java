/**
 * The reliable channels API (will hold ReliableChannel, ReliableChannelManager, ChannelId and channel events): causally ordered, de-duplicated, gap-repairing, segmented channels over the messaging API.
 */
package io.logos.delivery.api.channels;
