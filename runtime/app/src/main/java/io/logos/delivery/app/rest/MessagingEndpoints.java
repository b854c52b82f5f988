package io.logos.delivery.app.rest;

import io.logos.delivery.api.messaging.InvalidEnvelopeException;
import io.logos.delivery.api.messaging.MessageEnvelope;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.api.messaging.SubscriptionException;
import io.logos.delivery.app.rest.json.MessagingRequestId;
import io.logos.delivery.app.rest.json.MessagingSendRequest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * {@code /messaging/v1/…}, served when the node runs the messaging layer ({@code --entry-layer=messaging}):
 * subscribe to content topics, send with delivery tracking, and read the send events and received messages
 * buffered since the last read.
 */
final class MessagingEndpoints implements RestEndpoints {

    /** Requests whose send events are kept until read. */
    static final int MAX_REQUESTS = 1000;
    /** Received messages kept until read, as logos-delivery keeps. */
    static final int MAX_RECEIVED = 50;

    private final MessagingApi api;
    private final MessagingEventBuffer buffer;

    MessagingEndpoints(MessagingApi api, Clock clock) {
        this.api = api;
        this.buffer = new MessagingEventBuffer(api, MAX_REQUESTS, MAX_RECEIVED, clock);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/messaging/v1/subscriptions", this::subscribe),
                Route.delete("/messaging/v1/subscriptions", this::unsubscribe),
                Route.post("/messaging/v1/messages", this::send),
                Route.get("/messaging/v1/events/send", request -> RestResponse.json(buffer.takeSendEvents())),
                Route.get("/messaging/v1/events/send/{requestId}", this::sendEventsOf),
                Route.get("/messaging/v1/events/received", request -> RestResponse.json(buffer.takeReceived())));
    }

    private RestResponse subscribe(RestRequest request) {
        try {
            api.subscribe(request.stringList());
        } catch (SubscriptionException e) {
            throw RestException.badRequest("Failed to subscribe: " + e.getMessage());
        }
        return RestResponse.ok();
    }

    private RestResponse unsubscribe(RestRequest request) {
        try {
            api.unsubscribe(request.stringList());
        } catch (SubscriptionException e) {
            throw RestException.badRequest("Failed to unsubscribe: " + e.getMessage());
        }
        return RestResponse.ok();
    }

    private RestResponse send(RestRequest request) {
        MessagingSendRequest body = request.json(MessagingSendRequest.class);
        if (body.payload() == null) {
            throw RestException.badRequest("Field `payload` is missing");
        }
        if (body.contentTopic() == null || body.contentTopic().isBlank()) {
            throw RestException.badRequest("Field `contentTopic` is missing or empty");
        }
        MessageEnvelope envelope = new MessageEnvelope(body.contentTopic(), base64("payload", body.payload()),
                Boolean.TRUE.equals(body.ephemeral()), body.meta() == null ? new byte[0] : base64("meta", body.meta()));
        try {
            RequestId id = api.send(envelope);
            return RestResponse.json(new MessagingRequestId(id.value()));
        } catch (InvalidEnvelopeException e) {
            throw RestException.badRequest("Failed to send: " + e.getMessage());
        }
    }

    private RestResponse sendEventsOf(RestRequest request) {
        String id = request.pathParameter("requestId");
        return RestResponse.json(buffer.takeSendEvents(id)
                .orElseThrow(() -> RestException.notFound("No send events for request " + id)));
    }

    private static byte[] base64(String field, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Field `" + field + "` is not base64: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        buffer.close();
    }
}
