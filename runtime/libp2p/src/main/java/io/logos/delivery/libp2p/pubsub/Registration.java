package io.logos.delivery.libp2p.pubsub;

/** A registered topic validator; see {@link PubSub#addValidator}. */
public interface Registration {

    /** Removes the validator; messages already being validated finish with it. Calling it again does nothing. */
    void remove();
}
