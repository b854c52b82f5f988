/** Feeds relayed messages into the configured archive driver. */
package io.logos.delivery.kernel.archive;
