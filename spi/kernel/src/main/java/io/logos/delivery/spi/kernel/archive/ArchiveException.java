package io.logos.delivery.spi.kernel.archive;

/** A driver could not do what was asked: the message says why (the store reports it as a driver error). */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
