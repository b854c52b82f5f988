/**
 * Filter v2 (12/WAKU2-FILTER): {@link io.logos.delivery.kernel.filter.FilterServer} serves light clients
 * the relay messages they subscribed to; {@link io.logos.delivery.kernel.filter.DefaultFilterClient}
 * subscribes at a service peer and receives its pushes.
 */
package io.logos.delivery.kernel.filter;
