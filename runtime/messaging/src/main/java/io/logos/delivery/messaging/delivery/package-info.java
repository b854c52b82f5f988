/**
 * What the delivery service's parts share: the one thread their state lives on, and where they report events.
 * A leaf package, so that the send, receive and health packages depend on it and not on each other or the facade.
 */
package io.logos.delivery.messaging.delivery;
