package io.logos.delivery.libp2p.security;

import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.peer.PeerId;

/**
 * The outcome of a successful security handshake on a connection: who we are and whom the
 * handshake proved to be at the other end.
 *
 * @param localPeer our peer id
 * @param remotePeer the authenticated remote peer id, derived from {@code remotePublicKey}
 * @param remotePublicKey the remote identity key, whose signature the handshake verified
 */
public record SecureSession(PeerId localPeer, PeerId remotePeer, PubKey remotePublicKey) {}
