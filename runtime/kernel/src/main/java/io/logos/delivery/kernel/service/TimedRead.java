package io.logos.delivery.kernel.service;

import io.logos.delivery.libp2p.framed.FramedStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A frame read that gives up after a while, so that a silent peer cannot hold a stream open forever. */
public final class TimedRead {

    private TimedRead() {
    }

    /** The next frame of {@code stream}; fails with {@link TimeoutException} when none came within {@code timeout}. */
    public static CompletableFuture<Optional<byte[]>> read(FramedStream stream, ScheduledExecutorService scheduler,
                                                    Duration timeout) {
        CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        ScheduledFuture<?> expiry = scheduler.schedule(() -> result.completeExceptionally(
                        new TimeoutException("nothing read within " + timeout.toMillis() + " ms on " + stream)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        stream.read().whenComplete((frame, failure) -> {
            expiry.cancel(false);
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(frame);
            }
        });
        return result;
    }
}
