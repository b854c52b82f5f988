package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.FilterClient;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.app.rest.json.FilterSubscribeRequest;
import io.logos.delivery.app.rest.json.FilterSubscriptionResponse;
import io.logos.delivery.app.rest.json.FilterUnsubscribeAllRequest;
import io.logos.delivery.app.rest.json.RestWakuMessage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code /filter/v2/…}: subscribe, change and end filter subscriptions at a filter service peer
 * ({@code --filternode} first), ping it, and read the pushed messages since the last read. Every answer
 * but the messages is {@code {requestId, statusDesc}} with the filter status as HTTP status.
 */
final class FilterEndpoints implements RestEndpoints {

    private static final String UNKNOWN_REQUEST = "unknown";

    private final Optional<AutoSharding> autoSharding;
    private final MessageCache cache;
    private final FilterSubscriptions subscriptions;
    private final FilterClient client;

    FilterEndpoints(FilterClient client, Optional<AutoSharding> autoSharding, MessageCache cache) {
        this.client = client;
        this.autoSharding = autoSharding;
        this.cache = cache;
        this.subscriptions = new FilterSubscriptions(client,
                received -> cache.add(received.pubsubTopic(), received.message()));
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/filter/v2/subscriptions", this::subscribe),
                Route.put("/filter/v2/subscriptions", this::subscribe),
                Route.delete("/filter/v2/subscriptions", this::unsubscribe),
                Route.delete("/filter/v2/subscriptions/all", this::unsubscribeAll),
                Route.get("/filter/v2/subscriptions/{requestId}", this::ping),
                Route.get("/filter/v2/messages/{contentTopic}", this::messages));
    }

    private RestResponse subscribe(RestRequest request) {
        return withCriteria(request, (pubsubTopic, contentTopics) -> {
            subscriptions.subscribe(pubsubTopic, contentTopics);
            contentTopics.forEach(cache::subscribe);
        });
    }

    private RestResponse unsubscribe(RestRequest request) {
        return withCriteria(request, (pubsubTopic, contentTopics) -> {
            subscriptions.unsubscribe(pubsubTopic, contentTopics);
            contentTopics.forEach(cache::unsubscribe);
        });
    }

    private RestResponse unsubscribeAll(RestRequest request) {
        FilterUnsubscribeAllRequest body;
        try {
            body = request.json(FilterUnsubscribeAllRequest.class);
        } catch (MalformedBodyException e) {
            return answer(400, UNKNOWN_REQUEST, "Failed to decode request: " + e.reason());
        }
        if (body.requestId() == null) {
            return answer(400, UNKNOWN_REQUEST, "Failed to decode request: Field `requestId` is missing");
        }
        return call(body.requestId(), () -> {
            subscriptions.unsubscribeAll();
            cache.clear();
        });
    }

    private RestResponse ping(RestRequest request) {
        String requestId = request.pathParameter("requestId");
        List<PeerId> services = subscriptions.services();
        if (services.isEmpty()) {
            return answer(404, requestId, "NOT_FOUND: no filter subscription to ping");
        }
        return call(requestId, () -> {
            for (PeerId service : services) {
                Await.result(client.ping(service));
            }
        });
    }

    /** As nwaku: reading a content topic that was never subscribed is a 400, not a 404. */
    private RestResponse messages(RestRequest request) {
        ContentTopic topic = Topics.contentTopic(request.pathParameter("contentTopic"));
        List<WakuMessage> messages = cache.take(topic)
                .orElseThrow(() -> RestException.badRequest("Not subscribed to topic: " + topic));
        return RestResponse.json(messages.stream().map(RestWakuMessage::filtered).toList());
    }

    /** Decodes a subscription request, groups its content topics by pubsub topic and runs {@code action} on each. */
    private RestResponse withCriteria(RestRequest request, CriteriaAction action) {
        FilterSubscribeRequest body;
        try {
            body = request.json(FilterSubscribeRequest.class);
        } catch (MalformedBodyException e) {
            return answer(400, UNKNOWN_REQUEST, "Failed to decode request: " + e.reason());
        }
        if (body.requestId() == null) {
            return answer(400, UNKNOWN_REQUEST, "Failed to decode request: Field `requestId` is missing");
        }
        if (body.contentFilters() == null || body.contentFilters().isEmpty()) {
            return answer(400, body.requestId(), "Failed to decode request: Field `contentFilters` is missing or empty");
        }
        Map<PubsubTopic, Set<ContentTopic>> criteria;
        try {
            criteria = criteria(body);
        } catch (RestException e) {
            return answer(e.status(), body.requestId(), e.getMessage());
        }
        return call(body.requestId(), () -> {
            for (Map.Entry<PubsubTopic, Set<ContentTopic>> entry : criteria.entrySet()) {
                action.apply(entry.getKey(), entry.getValue());
            }
        });
    }

    /** The content topics by pubsub topic: the request's, or each one's autosharding shard. */
    private Map<PubsubTopic, Set<ContentTopic>> criteria(FilterSubscribeRequest body) {
        List<ContentTopic> contentTopics = Topics.contentTopics(body.contentFilters());
        Optional<PubsubTopic> given = body.pubsubTopic() == null || body.pubsubTopic().isEmpty()
                ? Optional.empty() : Optional.of(Topics.pubsubTopic(body.pubsubTopic()));
        if (given.isEmpty() && autoSharding.isEmpty()) {
            throw RestException.badRequest("pubsubTopic is required under static sharding");
        }
        Map<PubsubTopic, Set<ContentTopic>> criteria = new LinkedHashMap<>();
        for (ContentTopic topic : contentTopics) {
            PubsubTopic pubsubTopic = given.orElseGet(() -> autoSharding.orElseThrow().pubsubTopicOf(topic));
            criteria.computeIfAbsent(pubsubTopic, key -> new LinkedHashSet<>()).add(topic);
        }
        return criteria;
    }

    /** Runs a call to the filter service and answers with its outcome. */
    private static RestResponse call(String requestId, FilterCall call) {
        try {
            call.run();
            return answer(200, requestId, "OK");
        } catch (TimeoutException e) {
            return answer(503, requestId, "Filter request timed out");
        } catch (CompletionException e) {
            if (e.getCause() instanceof FilterException refused) {
                return answer(httpStatus(refused.statusCode()), requestId, refused.getMessage());
            }
            throw e;
        }
    }

    /** Filter's own codes: 300 (bad response) is the service's fault, 504 a dial failure. */
    private static int httpStatus(int filterStatus) {
        return switch (filterStatus) {
            case 400, 404, 429, 503, 504 -> filterStatus;
            default -> 500;
        };
    }

    private static RestResponse answer(int status, String requestId, String description) {
        return RestResponse.json(status, new FilterSubscriptionResponse(requestId, description));
    }

    @FunctionalInterface
    private interface FilterCall {
        void run() throws TimeoutException;
    }

    @FunctionalInterface
    private interface CriteriaAction {
        void apply(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics) throws TimeoutException;
    }
}
