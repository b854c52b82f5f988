/**
 * libp2p identity keys (peer-ids spec, "Keys"): secp256k1, the default as in nwaku, and Ed25519;
 * signing and verification by the spec's rules, the {@code PublicKey}/{@code PrivateKey} protobuf
 * encodings, and the node key that keeps a node's peer id stable across restarts.
 */
package io.logos.delivery.libp2p.crypto;
