package io.logos.delivery.app.rest.json;

/** The answer of {@code POST /messaging/v1/messages}: the id the send events carry. */
public record MessagingRequestId(String requestId) {
}
