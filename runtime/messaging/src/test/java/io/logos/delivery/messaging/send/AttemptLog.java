package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps real send processors to record, in order across the chain, what each answered for which message. */
final class AttemptLog {

    record Attempt(String processor, SendResult result) {
    }

    private record Entry(MessageHash hash, Attempt attempt) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    List<SendProcessor> record(List<SendProcessor> chain) {
        return chain.stream().<SendProcessor>map(Recording::new).toList();
    }

    /** What the processors answered for {@code hash}, oldest first. */
    List<Attempt> of(MessageHash hash) {
        return entries.stream().filter(entry -> entry.hash().equals(hash)).map(Entry::attempt).toList();
    }

    /** How often {@code processor} was asked to send {@code hash}. */
    long count(MessageHash hash, String processor) {
        return of(hash).stream().filter(attempt -> attempt.processor().equals(processor)).count();
    }

    private final class Recording implements SendProcessor {
        private final SendProcessor delegate;

        Recording(SendProcessor delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public CompletableFuture<SendResult> send(OutgoingMessage message) {
            return delegate.send(message).thenApply(result -> {
                entries.add(new Entry(message.hash(), new Attempt(delegate.name(), result)));
                return result;
            });
        }
    }
}
