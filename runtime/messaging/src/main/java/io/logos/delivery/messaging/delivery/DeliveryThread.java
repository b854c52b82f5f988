package io.logos.delivery.messaging.delivery;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread the delivery service's state lives on: send tasks, subscriptions, the dedup memory. Calls from
 * the application and completions from the kernel hop onto it, so none of that state needs locks. Exists only
 * while a messaging layer runs; a kernel-only node has none.
 */
public final class DeliveryThread implements Executor, AutoCloseable {

    /** The thread's name, which tests of the kernel-only path look for. */
    public static final String NAME = "logos-messaging-delivery";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryThread.class);

    private final ScheduledExecutorService executor;

    public DeliveryThread() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name(NAME).factory());
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> runLogged(task));
    }

    /** Runs {@code round} every {@code interval} until {@link #close()}. */
    public void every(Duration interval, Runnable round) {
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> runLogged(round), millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("The delivery service failed a task; it goes on with the next", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
