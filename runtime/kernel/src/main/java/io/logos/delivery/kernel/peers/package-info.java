/** The peer manager: peer store, connectivity, service peers and selection. */
package io.logos.delivery.kernel.peers;
