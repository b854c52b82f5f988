package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One send event of {@code /messaging/v1/events/send}.
 *
 * @param kind        {@code propagated}, {@code sent} or {@code error}
 * @param messageHash {@code 0x…}; absent for an error before the message had a hash
 * @param timestamp   when the node saw the event, Unix nanoseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagingSendEvent(String kind, String messageHash, String error, long timestamp) {
}
