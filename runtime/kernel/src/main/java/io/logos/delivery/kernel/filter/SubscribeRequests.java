package io.logos.delivery.kernel.filter;

import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a decoded subscribe request and applies it to the registry, as nwaku's filter service does. */
final class SubscribeRequests {

    private final SubscriberRegistry registry;
    private final int maxContentTopicsPerRequest;

    SubscribeRequests(SubscriberRegistry registry, int maxContentTopicsPerRequest) {
        this.registry = registry;
        this.maxContentTopicsPerRequest = maxContentTopicsPerRequest;
    }

    Outcome handle(PeerId peer, FilterSubscribeRequest request) {
        return switch (request.getFilterSubscribeType()) {
            case SUBSCRIBER_PING -> registry.ping(peer);
            case SUBSCRIBE -> invalidCriteria(request).orElseGet(() -> registry.subscribe(peer, criteria(request)));
            case UNSUBSCRIBE -> invalidCriteria(request).orElseGet(() -> registry.unsubscribe(peer, criteria(request)));
            case UNSUBSCRIBE_ALL -> registry.unsubscribeAll(peer);
            case UNRECOGNIZED -> Outcome.badRequest("unknown filter_subscribe_type "
                    + request.getFilterSubscribeTypeValue());
        };
    }

    /** The 400 a SUBSCRIBE or UNSUBSCRIBE deserves for its topics, if any. */
    private Optional<Outcome> invalidCriteria(FilterSubscribeRequest request) {
        if (!request.hasPubsubTopic() || request.getContentTopicsCount() == 0) {
            return Optional.of(Outcome.badRequest("pubsubTopic and contentTopics must be specified"));
        }
        if (request.getContentTopicsCount() > maxContentTopicsPerRequest) {
            return Optional.of(Outcome.badRequest("exceeds maximum content topics: " + maxContentTopicsPerRequest));
        }
        return Optional.empty();
    }

    private static Set<Criterion> criteria(FilterSubscribeRequest request) {
        return request.getContentTopicsList().stream()
                .map(contentTopic -> new Criterion(request.getPubsubTopic(), contentTopic))
                .collect(Collectors.toSet());
    }
}
