/** The Waku node: mounts the protocols its configuration asks for on one libp2p host. */
package io.logos.delivery.kernel.node;
