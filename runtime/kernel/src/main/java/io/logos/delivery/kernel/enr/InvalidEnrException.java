package io.logos.delivery.kernel.enr;

/**
 * Input that is not an acceptable node record: bad text or RLP encoding, too large, unsorted keys, no
 * {@code v4} identity, a signature that does not verify, or a malformed value under a key this node reads.
 * The message says which.
 */
public final class InvalidEnrException extends IllegalArgumentException {

    public InvalidEnrException(String message) {
        super(message);
    }

    public InvalidEnrException(String message, Throwable cause) {
        super(message, cause);
    }
}
