package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.peer.PeerId;

/** The remote peer authenticated as a different peer than the one dialed. */
public final class PeerIdMismatchException extends NoiseException {

    private final transient PeerId expected;
    private final transient PeerId actual;

    public PeerIdMismatchException(PeerId expected, PeerId actual) {
        super("remote peer authenticated as " + actual + " but " + expected + " was dialed");
        this.expected = expected;
        this.actual = actual;
    }

    /** The peer id that was dialed. */
    public PeerId expected() {
        return expected;
    }

    /** The peer id the remote proved to have. */
    public PeerId actual() {
        return actual;
    }
}
