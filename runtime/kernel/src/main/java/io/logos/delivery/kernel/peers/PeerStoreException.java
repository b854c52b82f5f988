package io.logos.delivery.kernel.peers;

/** The peer store's file cannot be opened, read or written; the message names the file. */
public final class PeerStoreException extends RuntimeException {

    public PeerStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public PeerStoreException(String message) {
        super(message);
    }
}
