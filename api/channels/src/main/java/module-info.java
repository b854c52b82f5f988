/** The reliable channels API (will hold ReliableChannel, ReliableChannelManager, ChannelId and channel events): causally ordered, de-duplicated, gap-repairing, segmented channels over the messaging API. */
module io.logos.delivery.api.channels {
    requires transitive io.logos.delivery.api.messaging;
    // exports io.logos.delivery.api.channels once it holds its first type (javac refuses to export an empty package)
}
