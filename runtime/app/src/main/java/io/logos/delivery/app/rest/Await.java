package io.logos.delivery.app.rest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the node's futures on the request's (virtual) thread, at most as long as nwaku's REST layer
 * waits.
 */
final class Await {

    /** nwaku's {@code futTimeout}: how long a REST request waits for the node. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    private Await() {
    }

    /**
     * The result of {@code future} within {@link #NODE_TIMEOUT}.
     *
     * @throws TimeoutException when it takes longer; the future goes on
     * @throws CompletionException carrying the future's failure
     */
    static <T> T result(CompletableFuture<T> future) throws TimeoutException {
        return result(future, NODE_TIMEOUT);
    }

    static <T> T result(CompletableFuture<T> future, Duration timeout) throws TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(503, "interrupted while waiting for the node");
        }
    }
}
