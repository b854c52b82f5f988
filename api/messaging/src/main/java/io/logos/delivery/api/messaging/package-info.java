/**
 * The messaging API (will hold MessagingApi, MessageEnvelope, RequestId, send/receive/health events and the Edge/Core modes): send with delivery confirmation and receive with store backfill, as a layer above a kernel node.
 */
package io.logos.delivery.api.messaging;
