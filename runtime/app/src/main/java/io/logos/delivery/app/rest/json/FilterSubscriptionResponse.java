package io.logos.delivery.app.rest.json;

/** The answer of the filter subscription endpoints: {@code statusDesc} is {@code OK} or why not. */
public record FilterSubscriptionResponse(String requestId, String statusDesc) {
}
