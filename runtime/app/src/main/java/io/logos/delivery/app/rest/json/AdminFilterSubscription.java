package io.logos.delivery.app.rest.json;

import java.util.List;

/** One filter subscriber of this node's filter service and its criteria ({@code GET /admin/v1/filter/subscriptions}). */
public record AdminFilterSubscription(String peerId, List<FilterTopic> filterCriteria) {

    public AdminFilterSubscription {
        filterCriteria = List.copyOf(filterCriteria);
    }

    /** One criterion: messages of {@code contentTopic} on {@code pubsubTopic}. */
    public record FilterTopic(String pubsubTopic, String contentTopic) {
    }
}
