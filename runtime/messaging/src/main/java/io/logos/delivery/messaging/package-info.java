/**
 * The messaging layer (will hold the MessagingApi implementation and its delivery service: send
 * with retries and store confirmation, receive with de-duplication and store backfill, connection
 * health). Attaches to a kernel node through the kernel API; the kernel never knows it.
 */
package io.logos.delivery.messaging;
