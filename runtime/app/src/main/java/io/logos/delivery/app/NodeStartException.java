package io.logos.delivery.app;

/** The node could not start; the message says why in words an operator can act on. */
public final class NodeStartException extends RuntimeException {

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
