/** The messaging API (will hold MessagingApi, MessageEnvelope, RequestId, send/receive/health events and the Edge/Core modes): send with delivery confirmation and receive with store backfill, as a layer above a kernel node. */
module io.logos.delivery.api.messaging {
    requires transitive io.logos.delivery.api.kernel;
    // exports io.logos.delivery.api.messaging once it holds its first type (javac refuses to export an empty package)
}
