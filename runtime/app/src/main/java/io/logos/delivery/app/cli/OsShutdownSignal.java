package io.logos.delivery.app.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a normal return from {@link #await()}, so the node stops in order and
 * the process exits with status 0 instead of the JVM's 130/143. Handlers are installed at
 * construction, before the node starts, so an early signal is not lost.
 */
final class OsShutdownSignal implements ShutdownSignal {

    private final CountDownLatch received = new CountDownLatch(1);

    OsShutdownSignal() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> received.countDown());
        }
    }

    @Override
    public void await() throws InterruptedException {
        received.await();
    }
}
