/**
 * Multiaddrs (multiformats/multiaddr): self-describing network addresses such as
 * {@code /dns4/node.example/tcp/30303/wss/p2p/16Uiu2…}, in text and binary form.
 */
package io.logos.delivery.libp2p.multiaddr;
