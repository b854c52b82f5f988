/**
 * The messaging layer: {@link io.logos.delivery.messaging.DefaultMessagingApiProvider} builds a
 * {@code MessagingApi} that owns its delivery service (send, receive, connection health) over a kernel node.
 */
package io.logos.delivery.messaging;
