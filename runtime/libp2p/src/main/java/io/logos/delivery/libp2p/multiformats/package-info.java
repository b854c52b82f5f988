/**
 * The multiformats codecs the libp2p types share: unsigned varints, base-x (base58btc, base36),
 * base32 and multibase. Internal to this module: not exported.
 */
package io.logos.delivery.libp2p.multiformats;
