package io.logos.delivery.libp2p.security.noise;

/** The two CipherStates a finished handshake leaves one party: one per direction. */
record TransportCiphers(CipherState sender, CipherState receiver) {}
