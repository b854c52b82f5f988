package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a filter client's push side: records the push streams a service opens and the messages
 * on them. When {@code reading} is false it never reads, like a subscriber too slow to keep up.
 */
final class PushRecorder {

    private final List<FramedStream> streams = new CopyOnWriteArrayList<>();
    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private final boolean reading;

    private PushRecorder(boolean reading) {
        this.reading = reading;
    }

    static PushRecorder mount(Host host, boolean reading) {
        PushRecorder recorder = new PushRecorder(reading);
        host.setFramedHandler(FilterProtocol.PUSH_ID, FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES, recorder::accept);
        return recorder;
    }

    private void accept(FramedStream stream) {
        streams.add(stream);
        if (reading) {
            readNext(stream);
        }
    }

    private void readNext(FramedStream stream) {
        stream.read().thenAccept(frame -> {
            if (frame.isEmpty()) {
                stream.close();
                return;
            }
            messages.add(FilterWire.parsePush(frame.get(), MessageSizeLimit.DEFAULT));
            readNext(stream);
        });
    }

    List<FramedStream> streams() {
        return List.copyOf(streams);
    }

    List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Waits until {@code count} pushes arrived and returns them. */
    List<ReceivedMessage> awaitMessages(int count) {
        Await.until(() -> messages.size() >= count, count + " pushes arrived");
        return messages();
    }
}
