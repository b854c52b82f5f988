/**
 * The send side of the delivery service: {@link io.logos.delivery.messaging.send.SendService} transmits messages
 * through the send strategies, confirms durable ones with store, and reports {@code message:send-*} events.
 */
package io.logos.delivery.messaging.send;
