/**
 * The messaging API: {@link io.logos.delivery.api.messaging.MessagingApi}, a layer above a kernel node that sends
 * with delivery confirmation, receives with store backfill and reports connection health.
 */
package io.logos.delivery.api.messaging;
