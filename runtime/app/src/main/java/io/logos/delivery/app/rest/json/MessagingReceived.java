package io.logos.delivery.app.rest.json;

/** A message of {@code /messaging/v1/events/received}. */
public record MessagingReceived(String messageHash, RestWakuMessage message) {
}
