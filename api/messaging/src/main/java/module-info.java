/**
 * The messaging API: {@code MessagingApi}, envelopes, request ids, send/receive/health events and the Edge/Core
 * modes — a layer above a kernel node.
 */
module io.logos.delivery.api.messaging {
    requires transitive io.logos.delivery.api.kernel;

    exports io.logos.delivery.api.messaging;

    uses io.logos.delivery.api.messaging.MessagingApiProvider;
}
