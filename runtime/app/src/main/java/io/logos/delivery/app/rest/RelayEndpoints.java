package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.app.rest.json.RestWakuMessage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code /relay/v1/…}: subscribe to shards or (autosharding) content topics, publish, and read what
 * arrived since the last read from the {@link MessageCache}, which starts with the node's own shards.
 */
final class RelayEndpoints implements RestEndpoints {

    private final Relay relay;
    private final MessageCache cache;
    private final Clock clock;
    private final Registration listening;

    RelayEndpoints(Relay relay, MessageCache cache, Clock clock) {
        this.relay = relay;
        this.cache = cache;
        this.clock = clock;
        relay.subscriptions().forEach(cache::subscribe);
        this.listening = relay.addMessageListener(received -> cache.add(received.pubsubTopic(), received.message()));
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/relay/v1/subscriptions", this::subscribe),
                Route.delete("/relay/v1/subscriptions", this::unsubscribe),
                Route.get("/relay/v1/messages/{pubsubTopic}", this::messages),
                Route.post("/relay/v1/messages/{pubsubTopic}", this::publish),
                Route.post("/relay/v1/auto/subscriptions", this::subscribeContentTopics),
                Route.delete("/relay/v1/auto/subscriptions", this::unsubscribeContentTopics),
                Route.get("/relay/v1/auto/messages/{contentTopic}", this::contentTopicMessages),
                Route.post("/relay/v1/auto/messages", this::publishByContentTopic));
    }

    private RestResponse subscribe(RestRequest request) {
        for (PubsubTopic topic : Topics.shards(request.stringList())) {
            cache.subscribe(topic);
            relay.subscribe(topic);
        }
        return RestResponse.ok();
    }

    private RestResponse unsubscribe(RestRequest request) {
        for (PubsubTopic topic : Topics.shards(request.stringList())) {
            cache.unsubscribe(topic);
            relay.unsubscribe(topic);
        }
        return RestResponse.ok();
    }

    private RestResponse messages(RestRequest request) {
        PubsubTopic topic = Topics.pubsubTopic(request.pathParameter("pubsubTopic"));
        List<WakuMessage> messages = cache.take(topic)
                .orElseThrow(() -> RestException.notFound("Not subscribed to pubsub topic " + topic));
        return RestResponse.json(messages.stream().map(RestWakuMessage::relayed).toList());
    }

    private RestResponse publish(RestRequest request) {
        PubsubTopic topic = Topics.pubsubTopic(request.pathParameter("pubsubTopic"));
        // nwaku refuses to publish where we have no mesh: the message would likely reach no one
        if (!relay.subscriptions().contains(topic)) {
            throw RestException.badRequest("Failed to publish: Node not subscribed to topic: " + topic);
        }
        PublishOutcome outcome = publish(topic, message(request));
        if (outcome.status() == PublishOutcome.Status.INVALID) {
            throw RestException.badRequest("Failed to publish: " + outcome.reason().orElse("invalid message"));
        }
        return RestResponse.ok();
    }

    private RestResponse subscribeContentTopics(RestRequest request) {
        for (ContentTopic topic : Topics.contentTopics(request.stringList())) {
            PubsubTopic shard = shardOf(topic);
            cache.subscribe(topic);
            relay.subscribe(shard);
        }
        return RestResponse.ok();
    }

    /**
     * Unlike nwaku, leaves a shard that is still wanted: subscribed by pubsub topic (the node's own
     * shards are) or holding another subscribed content topic.
     */
    private RestResponse unsubscribeContentTopics(RestRequest request) {
        for (ContentTopic topic : Topics.contentTopics(request.stringList())) {
            PubsubTopic shard = shardOf(topic);
            cache.unsubscribe(topic);
            boolean stillWanted = cache.isSubscribed(shard)
                    || cache.contentTopics().stream().anyMatch(other -> shardOf(other).equals(shard));
            if (!stillWanted) {
                relay.unsubscribe(shard);
            }
        }
        return RestResponse.ok();
    }

    private RestResponse contentTopicMessages(RestRequest request) {
        ContentTopic topic = Topics.contentTopic(request.pathParameter("contentTopic"));
        List<WakuMessage> messages = cache.take(topic)
                .orElseThrow(() -> RestException.notFound("Not subscribed to content topic " + topic));
        return RestResponse.json(messages.stream().map(RestWakuMessage::relayed).toList());
    }

    private RestResponse publishByContentTopic(RestRequest request) {
        WakuMessage message = message(request);
        ContentTopic contentTopic;
        try {
            contentTopic = ContentTopic.parse(message.contentTopic());
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Failed to publish. Autosharding error: " + e.getMessage());
        }
        PublishOutcome outcome = publish(shardOf(contentTopic), message);
        // as nwaku's auto route, and unlike its pubsub topic route, a message that reached no one is an error
        if (!outcome.published()) {
            throw RestException.badRequest("Failed to publish: " + outcome.reason().orElse(outcome.status().name()));
        }
        return RestResponse.ok();
    }

    private PubsubTopic shardOf(ContentTopic topic) {
        try {
            return relay.pubsubTopicOf(topic);
        } catch (IllegalStateException e) {
            throw RestException.badRequest("Autosharding is disabled (--num-shards-in-network=0): " + e.getMessage());
        }
    }

    private WakuMessage message(RestRequest request) {
        try {
            return request.json(RestWakuMessage.class).toWakuMessage(clock);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Invalid message: " + e.getMessage());
        }
    }

    private PublishOutcome publish(PubsubTopic topic, WakuMessage message) {
        try {
            return Await.result(relay.publish(topic, message));
        } catch (TimeoutException e) {
            throw new RestException(500, "Failed to publish: timedout");
        }
    }

    @Override
    public void close() {
        listening.close();
    }
}
