package io.logos.delivery.kernel.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests being served, so that stopping can refuse new ones and wait for the rest. Thread-safe. */
public final class InFlightRequests {

    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;

    /** Admits a request; false once stopping. An admitted request must be {@link #leave() left}. */
    public boolean enter() {
        count.incrementAndGet();
        // checked after counting, so that stop() either sees this request or this request sees stop()
        if (stopping) {
            leave();
            return false;
        }
        return true;
    }

    public void leave() {
        if (count.decrementAndGet() == 0 && stopping) {
            drained.complete(null);
        }
    }

    /** Refuses new requests; completes once every admitted request has left. */
    public CompletableFuture<Void> stop() {
        stopping = true;
        if (count.get() == 0) {
            drained.complete(null);
        }
        return drained;
    }
}
