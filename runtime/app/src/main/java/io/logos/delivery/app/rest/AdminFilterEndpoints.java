package io.logos.delivery.app.rest;

import io.logos.delivery.app.rest.json.AdminFilterSubscription;
import io.logos.delivery.app.rest.json.AdminFilterSubscription.FilterTopic;
import io.logos.delivery.kernel.filter.Criterion;
import io.logos.delivery.kernel.filter.FilterServer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /admin/v1/filter/subscriptions}: who subscribed to what at this node's filter service, as nwaku
 * lists it (subscribers by peer id, criteria by pubsub then content topic). Served with
 * {@code --rest-admin=true}; 400 when the node does not serve filter, as nwaku answers.
 */
final class AdminFilterEndpoints implements RestEndpoints {

    private final Optional<FilterServer> filter;

    AdminFilterEndpoints(Optional<FilterServer> filter) {
        this.filter = filter;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/admin/v1/filter/subscriptions", request -> RestResponse.json(subscriptions())));
    }

    private List<AdminFilterSubscription> subscriptions() {
        FilterServer server = filter.orElseThrow(
                () -> RestException.badRequest("Error: Filter Protocol is not mounted to the node"));
        Comparator<Criterion> byTopics = Comparator.comparing(Criterion::pubsubTopic)
                .thenComparing(Criterion::contentTopic);
        return server.subscriptions().entrySet().stream()
                .map(entry -> new AdminFilterSubscription(entry.getKey().value(), entry.getValue().stream()
                        .sorted(byTopics)
                        .map(criterion -> new FilterTopic(criterion.pubsubTopic(), criterion.contentTopic()))
                        .toList()))
                .sorted(Comparator.comparing(AdminFilterSubscription::peerId))
                .toList();
    }
}
