package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.testing.Await;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps what it receives. */
final class MessageCollector implements MessageListener {

    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ReceivedMessage message) {
        received.add(message);
    }

    List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code count} messages arrived and returns them. */
    List<ReceivedMessage> await(int count) {
        Await.until(() -> received.size() >= count, count + " messages arrived");
        return received();
    }
}
