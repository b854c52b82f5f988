package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter client's live subscriptions by service peer. Several subscriptions may share a criterion at
 * one service; the service holds it once, so it is only unsubscribed when the last of them goes.
 * Thread-safe.
 */
final class ClientSubscriptions {

    private final Map<PeerId, List<ClientSubscription>> byService = new HashMap<>();

    synchronized void add(ClientSubscription subscription) {
        byService.computeIfAbsent(subscription.servicePeer(), ignored -> new ArrayList<>()).add(subscription);
    }

    /** Removes {@code subscription}; returns its content topics no other subscription needs at that service. */
    synchronized Set<ContentTopic> remove(ClientSubscription subscription) {
        List<ClientSubscription> atService = byService.get(subscription.servicePeer());
        if (atService == null || !atService.remove(subscription)) {
            return Set.of();
        }
        if (atService.isEmpty()) {
            byService.remove(subscription.servicePeer());
        }
        Set<ContentTopic> unneeded = new HashSet<>(subscription.contentTopics());
        atService.stream().filter(other -> other.pubsubTopic().equals(subscription.pubsubTopic()))
                .forEach(other -> unneeded.removeAll(other.contentTopics()));
        return unneeded;
    }

    /** Removes every subscription at {@code service} and returns them. */
    synchronized List<ClientSubscription> removeService(PeerId service) {
        List<ClientSubscription> removed = byService.remove(service);
        return removed == null ? List.of() : removed;
    }

    /** Removes everything and returns it. */
    synchronized List<ClientSubscription> clear() {
        List<ClientSubscription> all = byService.values().stream().flatMap(List::stream).toList();
        byService.clear();
        return all;
    }

    synchronized Set<PeerId> services() {
        return Set.copyOf(byService.keySet());
    }

    synchronized boolean hasService(PeerId service) {
        return byService.containsKey(service);
    }

    /** The criteria to hold at {@code service}: content topics by pubsub topic. */
    synchronized Map<PubsubTopic, Set<ContentTopic>> criteriaAt(PeerId service) {
        Map<PubsubTopic, Set<ContentTopic>> criteria = new LinkedHashMap<>();
        for (ClientSubscription subscription : byService.getOrDefault(service, List.of())) {
            criteria.computeIfAbsent(subscription.pubsubTopic(), ignored -> new HashSet<>())
                    .addAll(subscription.contentTopics());
        }
        return criteria;
    }

    /** Whether we subscribed to this criterion at {@code service}. */
    synchronized boolean holds(PeerId service, String pubsubTopic, String contentTopic) {
        return byService.getOrDefault(service, List.of()).stream()
                .anyMatch(subscription -> subscription.matches(pubsubTopic, contentTopic));
    }

    /** Each listener of a matching subscription at any service, once even when it subscribed at several. */
    synchronized Set<MessageListener> listenersOf(String pubsubTopic, String contentTopic) {
        Set<MessageListener> listeners = new LinkedHashSet<>();
        byService.values().stream().flatMap(List::stream)
                .filter(subscription -> subscription.isActive() && subscription.matches(pubsubTopic, contentTopic))
                .forEach(subscription -> listeners.add(subscription.listener()));
        return listeners;
    }
}
