package io.logos.delivery.app.rest.json;

/** The body of {@code POST /lightpush/v3/message} and {@code /lightpush/v1/message}. */
public record PushRequest(String pubsubTopic, RestWakuMessage message) {
}
