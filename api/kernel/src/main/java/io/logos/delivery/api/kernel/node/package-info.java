/**
 * The interfaces of a running Waku node: relay, light push, filter, store, peers and the node's own events.
 * Upper layers reach the kernel only through these types.
 */
package io.logos.delivery.api.kernel.node;
