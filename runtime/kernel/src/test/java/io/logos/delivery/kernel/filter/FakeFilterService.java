package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A filter service that answers as told and pushes whatever the test wants, to check the client. */
final class FakeFilterService {

    /** How the fake answers subscribe requests. */
    enum Answer { OK, WRONG_REQUEST_ID, SILENCE }

    private final Host host;
    private final List<FilterSubscribeRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Answer answer = Answer.OK;

    private FakeFilterService(Host host) {
        this.host = host;
    }

    static FakeFilterService mount(Host host) {
        FakeFilterService fake = new FakeFilterService(host);
        host.setFramedHandler(FilterProtocol.SUBSCRIBE_ID, FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES, fake::serve);
        return fake;
    }

    void answer(Answer how) {
        answer = how;
    }

    List<FilterSubscribeRequest> requests() {
        return List.copyOf(requests);
    }

    private void serve(FramedStream stream) {
        stream.read().thenAccept(frame -> {
            FilterSubscribeRequest request;
            try {
                request = FilterSubscribeRequest.parseFrom(frame.orElseThrow());
            } catch (Exception e) {
                stream.reset();
                return;
            }
            requests.add(request);
            switch (answer) {
                case OK -> reply(stream, request.getRequestId());
                case WRONG_REQUEST_ID -> reply(stream, "not-" + request.getRequestId());
                case SILENCE -> { }
            }
        });
    }

    private static void reply(FramedStream stream, String requestId) {
        stream.write(FilterWire.response(requestId, Outcome.OK)).thenRun(stream::close);
    }

    /** Opens a push stream to {@code client}, as a service does. */
    FramedStream openPushStream(PeerId client) throws Exception {
        return host.newFramedStream(client, List.of(FilterProtocol.PUSH_ID), FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES)
                .get(10, TimeUnit.SECONDS);
    }

    static void push(FramedStream stream, ReceivedMessage message) throws Exception {
        stream.write(FilterWire.push(message)).get(10, TimeUnit.SECONDS);
    }
}
