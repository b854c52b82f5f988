package io.logos.delivery.app.rest.json;

/** The body of {@code POST /messaging/v1/messages}: binary fields in standard base64. */
public record MessagingSendRequest(String payload, String contentTopic, Boolean ephemeral, String meta) {
}
