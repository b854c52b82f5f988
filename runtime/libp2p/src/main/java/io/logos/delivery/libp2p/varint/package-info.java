/**
 * Unsigned varint coding shared by the framing layers of this module (not exported).
 */
package io.logos.delivery.libp2p.varint;
