package io.logos.delivery.app.rest.json;

import java.util.List;

/**
 * The body of {@code POST}, {@code PUT} and {@code DELETE /filter/v2/subscriptions}. Without a pubsub
 * topic, autosharding gives each content topic's.
 */
public record FilterSubscribeRequest(String requestId, String pubsubTopic, List<String> contentFilters) {
}
