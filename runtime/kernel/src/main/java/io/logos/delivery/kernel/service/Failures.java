package io.logos.delivery.kernel.service;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for failures that come out of future chains. */
public final class Failures {

    private Failures() {
    }

    /** The failure a future chain wrapped, or {@code failure} itself. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
