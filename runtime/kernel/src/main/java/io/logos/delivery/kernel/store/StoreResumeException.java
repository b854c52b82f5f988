package io.logos.delivery.kernel.store;

/** A store resume could not finish: no store peer answered, or one refused. */
public final class StoreResumeException extends RuntimeException {

    public StoreResumeException(String message) {
        super(message);
    }
}
