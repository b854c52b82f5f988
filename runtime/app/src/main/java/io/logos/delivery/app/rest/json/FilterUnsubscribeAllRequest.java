package io.logos.delivery.app.rest.json;

/** The body of {@code DELETE /filter/v2/subscriptions/all}. */
public record FilterUnsubscribeAllRequest(String requestId) {
}
