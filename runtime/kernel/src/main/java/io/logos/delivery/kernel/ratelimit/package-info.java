/** Request rate limits of the service protocols (nwaku's token buckets). */
package io.logos.delivery.kernel.ratelimit;
