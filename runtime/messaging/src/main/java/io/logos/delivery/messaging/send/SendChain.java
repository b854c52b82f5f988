package io.logos.delivery.messaging.send;

import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transmission of a message: the processors in order, each asked only when the one before said
 * {@link SendResult.TryNext}. Answers with the first other result; when every processor passed, with
 * {@link SendResult.RetryLater} naming their reasons. Every processor is called on the delivery thread.
 */
final class SendChain {

    private static final Logger LOG = LoggerFactory.getLogger(SendChain.class);

    private final List<SendProcessor> processors;
    private final Executor deliveryThread;

    SendChain(List<SendProcessor> processors, Executor deliveryThread) {
        if (processors.isEmpty()) {
            throw new IllegalArgumentException("the send chain needs at least one processor");
        }
        this.processors = List.copyOf(processors);
        this.deliveryThread = deliveryThread;
    }

    /** Never fails; never answers {@link SendResult.TryNext}. */
    CompletableFuture<SendResult> send(SendTask task) {
        return attempt(task, 0, new ArrayList<>());
    }

    private CompletableFuture<SendResult> attempt(SendTask task, int index, List<String> passes) {
        if (index == processors.size()) {
            return CompletableFuture.completedFuture(new SendResult.RetryLater("no strategy could send it now: "
                    + String.join("; ", passes)));
        }
        SendProcessor processor = processors.get(index);
        return call(processor, task).thenComposeAsync(result -> {
            LOG.debug("{}: {} answered {}", task, processor.name(), result);
            if (result instanceof SendResult.TryNext(String reason)) {
                passes.add(processor.name() + ": " + reason);
                return attempt(task, index + 1, passes);
            }
            return CompletableFuture.completedFuture(result);
        }, deliveryThread);
    }

    /** The processor's answer; a broken promise never to fail counts as a passing fault. */
    private static CompletableFuture<SendResult> call(SendProcessor processor, SendTask task) {
        try {
            return processor.send(task.message()).exceptionally(failure -> broken(processor, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(broken(processor, e));
        }
    }

    private static SendResult broken(SendProcessor processor, Throwable failure) {
        LOG.warn("Send strategy {} failed instead of answering", processor.name(), failure);
        return new SendResult.RetryLater(processor.name() + " failed: " + failure);
    }
}
