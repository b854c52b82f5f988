package io.logos.delivery.app.cli;

/** What a running node waits for before it stops: SIGINT/SIGTERM in production, a latch in tests. */
public interface ShutdownSignal {

    /** Blocks until the node should stop. */
    void await() throws InterruptedException;
}
