package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.FilterClient;
import io.logos.delivery.api.kernel.node.FilterSubscription;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The filter subscriptions made through REST, by criterion (pubsub topic, content topic). A REST
 * request subscribes its new criteria in one {@link FilterSubscription}; a later request may drop any of
 * them, so dropping part of a subscription subscribes the rest anew (the client counts references, so
 * only the dropped topics are unsubscribed at the service). One request at a time: the REST layer
 * waits on the node anyway.
 *
 * <p>Failures are the {@link FilterClient}'s ({@code FilterException} in a {@code CompletionException})
 * or a {@link TimeoutException}.
 */
final class FilterSubscriptions {

    private record Criterion(PubsubTopic pubsubTopic, ContentTopic contentTopic) {
    }

    private final FilterClient client;
    private final MessageListener listener;
    private final Map<Criterion, FilterSubscription> owners = new HashMap<>();

    FilterSubscriptions(FilterClient client, MessageListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /** Subscribes the criteria not held yet, at a service the peer manager picks. */
    synchronized void subscribe(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics) throws TimeoutException {
        Set<ContentTopic> missing = contentTopics.stream()
                .filter(topic -> !owners.containsKey(new Criterion(pubsubTopic, topic)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!missing.isEmpty()) {
            hold(pubsubTopic, missing, awaitSubscription(client.subscribe(pubsubTopic, missing, listener,
                    Optional.empty())));
        }
    }

    /**
     * Drops the criteria; a subscription that keeps some of its criteria is narrowed to them first. When
     * narrowing fails, that subscription stays as it was.
     */
    synchronized void unsubscribe(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics) throws TimeoutException {
        Set<FilterSubscription> affected = contentTopics.stream()
                .map(topic -> owners.get(new Criterion(pubsubTopic, topic)))
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (FilterSubscription subscription : affected) {
            Set<ContentTopic> kept = new LinkedHashSet<>(subscription.contentTopics());
            kept.removeAll(contentTopics);
            kept.removeIf(topic -> owners.get(new Criterion(pubsubTopic, topic)) != subscription);
            if (!kept.isEmpty()) {
                hold(pubsubTopic, kept, awaitSubscription(client.subscribe(pubsubTopic, kept, listener,
                        Optional.of(subscription.service()))));
            }
            // the client forgets the subscription at once, whatever the service answers
            contentTopics.forEach(topic -> owners.remove(new Criterion(pubsubTopic, topic), subscription));
            Await.result(subscription.unsubscribe());
        }
    }

    /** Ends every subscription at every service we hold some at. */
    synchronized void unsubscribeAll() throws TimeoutException {
        List<PeerId> services = services();
        owners.clear();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        services.forEach(service -> ends.add(client.unsubscribeAll(service)));
        Await.result(CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)));
    }

    /** The services holding our subscriptions, for pings. */
    synchronized List<PeerId> services() {
        return owners.values().stream().map(FilterSubscription::service).distinct().toList();
    }

    private void hold(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics, FilterSubscription subscription) {
        contentTopics.forEach(topic -> owners.put(new Criterion(pubsubTopic, topic), subscription));
    }

    /** A subscription that completes after we stopped waiting is undone, so nothing is held unseen. */
    private static FilterSubscription awaitSubscription(CompletableFuture<FilterSubscription> pending)
            throws TimeoutException {
        try {
            return Await.result(pending);
        } catch (TimeoutException e) {
            pending.thenAccept(FilterSubscription::unsubscribe);
            throw e;
        }
    }
}
