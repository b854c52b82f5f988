package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.messaging.delivery.DeliveryThread;
import io.logos.delivery.messaging.testing.RecordingEventSink;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A {@link ReceiveService} on a real delivery thread, driven the way the facade drives it. */
final class Receiver implements AutoCloseable {

    final DeliveryThread thread = new DeliveryThread();
    final RecordingEventSink events = new RecordingEventSink();
    final ReceiveService service;
    private boolean closed;

    private Receiver(WakuNode node, Mode mode, MessagingOptions options) throws Exception {
        this.service = new ReceiveService(node, mode, options, events, thread);
        onThread(service::start);
    }

    static Receiver start(WakuNode node, Mode mode, MessagingOptions options) throws Exception {
        return new Receiver(node, mode, options);
    }

    /** Runs {@code task} on the delivery thread and waits until it ran: also a barrier behind earlier tasks. */
    void onThread(Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    void subscribe(String... topics) throws Exception {
        Set<ContentTopic> parsed = parse(topics);
        onThread(() -> service.subscribe(parsed));
    }

    void unsubscribe(String... topics) throws Exception {
        Set<ContentTopic> parsed = parse(topics);
        onThread(() -> service.unsubscribe(parsed));
    }

    void round() throws Exception {
        onThread(service::runRound);
    }

    void statusChanged(ConnectionStatus previous, ConnectionStatus current) throws Exception {
        onThread(() -> service.connectionStatusChanged(previous, current));
    }

    private static Set<ContentTopic> parse(String... topics) {
        return Arrays.stream(topics).map(ContentTopic::parse).collect(Collectors.toSet());
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            closed = true;
            onThread(service::close);
            thread.close();
        }
    }
}
