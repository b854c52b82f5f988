package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.app.rest.json.PushRequest;
import io.logos.delivery.app.rest.json.PushResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code /lightpush/v3/message} and the legacy {@code /lightpush/v1/message}: push through a light push
 * service peer the peer manager picks ({@code --lightpushnode} first). The v3 route answers with the
 * light push status code as HTTP status and a JSON body, errors included; the legacy one as nwaku's does.
 */
final class LightpushEndpoints implements RestEndpoints {

    private final LightpushClient client;
    private final Optional<AutoSharding> autoSharding;
    private final Clock clock;

    LightpushEndpoints(LightpushClient client, Optional<AutoSharding> autoSharding, Clock clock) {
        this.client = client;
        this.autoSharding = autoSharding;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/lightpush/v3/message", this::push),
                Route.post("/lightpush/v1/message", this::pushLegacy));
    }

    private RestResponse push(RestRequest request) {
        PushRequest body;
        try {
            body = request.json(PushRequest.class);
        } catch (MalformedBodyException e) {
            return failure(LightpushResult.BAD_REQUEST, "Invalid push request! " + e.reason());
        }
        if (body.message() == null) {
            return failure(LightpushResult.BAD_REQUEST, "Invalid push request! Field `message` is missing");
        }
        Optional<PubsubTopic> topic;
        try {
            topic = isEmpty(body.pubsubTopic()) ? Optional.empty() : Optional.of(PubsubTopic.of(body.pubsubTopic()));
        } catch (IllegalArgumentException e) {
            return failure(LightpushResult.BAD_REQUEST, "Invalid push request! " + e.getMessage());
        }
        WakuMessage message;
        try {
            message = body.message().toWakuMessage(clock);
        } catch (IllegalArgumentException e) {
            return failure(LightpushResult.BAD_REQUEST, "Invalid message! " + e.getMessage());
        }
        LightpushResult result;
        try {
            result = Await.result(client.push(topic, message, Optional.empty()));
        } catch (TimeoutException e) {
            return failure(LightpushResult.SERVICE_NOT_AVAILABLE, "Push request timed out");
        }
        if (result.succeeded()) {
            return RestResponse.json(PushResponse.relayedTo(result.relayPeerCount()));
        }
        return failure(result.statusCode(), result.description().orElse("light push failed"));
    }

    /** Light push status codes are HTTP status codes by design; anything else is a 500. */
    private static RestResponse failure(int statusCode, String description) {
        int status = statusCode >= 100 && statusCode <= 599 ? statusCode : LightpushResult.INTERNAL_SERVER_ERROR;
        return RestResponse.json(status, PushResponse.failed(description));
    }

    private RestResponse pushLegacy(RestRequest request) {
        PushRequest body = request.json(PushRequest.class);
        if (body.message() == null) {
            throw new MalformedBodyException("Field `message` is missing");
        }
        WakuMessage message;
        try {
            message = body.message().toWakuMessage(clock);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Invalid message: " + e.getMessage());
        }
        PubsubTopic topic = isEmpty(body.pubsubTopic()) ? shardOf(message) : Topics.pubsubTopic(body.pubsubTopic());
        LightpushResult result;
        try {
            result = Await.result(client.pushLegacy(topic, message, Optional.empty()));
        } catch (TimeoutException e) {
            throw new RestException(503, "Push request timed out");
        }
        if (result.succeeded()) {
            return RestResponse.ok();
        }
        if (result.statusCode() == LightpushResult.TOO_MANY_REQUESTS) {
            throw new RestException(429, "Request rate limit reached");
        }
        throw new RestException(503, "Failed to request a message push: "
                + result.description().orElse("status " + result.statusCode()));
    }

    /** The legacy protocol needs a pubsub topic: autosharding gives it when the request has none. */
    private PubsubTopic shardOf(WakuMessage message) {
        AutoSharding sharding = autoSharding.orElseThrow(() -> RestException.badRequest(
                "Pubsub topic must be specified when static sharding is enabled."));
        return sharding.pubsubTopicOf(Topics.contentTopic(message.contentTopic()));
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
