package io.logos.delivery.kernel.filter;

import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who subscribed to what at a filter service, with nwaku's limits and semantics. A subscriber is live
 * while its last request is at most the TTL old; an expired one counts as absent everywhere, even before
 * {@link #expire()} removes it. Thread-safe.
 */
final class SubscriberRegistry {

    static final String NO_SUBSCRIPTIONS = "peer has no subscriptions";

    private final int maxPeers;
    private final int maxCriteriaPerPeer;
    private final Duration ttl;
    private final Clock clock;
    private final Map<PeerId, Subscriber> subscribers = new HashMap<>();
    private final Map<Criterion, Set<PeerId>> peersByCriterion = new HashMap<>();

    /** One subscriber's criteria and when it was last heard from. */
    private static final class Subscriber {
        private final Set<Criterion> criteria = new HashSet<>();
        private Instant lastSeen;

        Subscriber(Instant lastSeen) {
            this.lastSeen = lastSeen;
        }
    }

    SubscriberRegistry(int maxPeers, int maxCriteriaPerPeer, Duration ttl, Clock clock) {
        this.maxPeers = maxPeers;
        this.maxCriteriaPerPeer = maxCriteriaPerPeer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** SUBSCRIBER_PING: refreshes a live subscriber. */
    synchronized Outcome ping(PeerId peer) {
        Subscriber subscriber = live(peer);
        if (subscriber == null) {
            return Outcome.notFound(NO_SUBSCRIPTIONS);
        }
        subscriber.lastSeen = clock.instant();
        return Outcome.OK;
    }

    /** SUBSCRIBE: adds criteria (held ones are kept), refreshing the subscriber. */
    synchronized Outcome subscribe(PeerId peer, Set<Criterion> criteria) {
        Subscriber subscriber = live(peer);
        if (subscriber == null) {
            if (subscribers.size() >= maxPeers) {
                expire();
            }
            if (subscribers.size() >= maxPeers) {
                return Outcome.serviceUnavailable("node has reached maximum number of subscriptions: " + maxPeers);
            }
        }
        int held = subscriber == null ? 0 : subscriber.criteria.size();
        long added = subscriber == null ? criteria.size()
                : criteria.stream().filter(criterion -> !subscriber.criteria.contains(criterion)).count();
        if (held + added > maxCriteriaPerPeer) {
            return Outcome.serviceUnavailable("peer has reached maximum number of filter criteria");
        }
        Subscriber target = subscriber == null ? new Subscriber(clock.instant()) : subscriber;
        target.lastSeen = clock.instant();
        subscribers.put(peer, target);
        for (Criterion criterion : criteria) {
            if (target.criteria.add(criterion)) {
                peersByCriterion.computeIfAbsent(criterion, ignored -> new HashSet<>()).add(peer);
            }
        }
        return Outcome.OK;
    }

    /**
     * UNSUBSCRIBE: removes the listed criteria the peer holds; 404 when it has no live subscription or a
     * listed criterion was not held (the held ones are removed all the same). A subscriber left without
     * criteria is removed.
     */
    synchronized Outcome unsubscribe(PeerId peer, Set<Criterion> criteria) {
        Subscriber subscriber = live(peer);
        if (subscriber == null) {
            return Outcome.notFound(NO_SUBSCRIPTIONS);
        }
        subscriber.lastSeen = clock.instant();
        List<Criterion> unknown = new ArrayList<>();
        for (Criterion criterion : criteria) {
            if (subscriber.criteria.remove(criterion)) {
                forgetPeerOf(criterion, peer);
            } else {
                unknown.add(criterion);
            }
        }
        if (subscriber.criteria.isEmpty()) {
            subscribers.remove(peer);
        }
        return unknown.isEmpty() ? Outcome.OK
                : Outcome.notFound("peer is not subscribed to " + describe(unknown));
    }

    /** UNSUBSCRIBE_ALL: removes a live subscriber. */
    synchronized Outcome unsubscribeAll(PeerId peer) {
        if (live(peer) == null) {
            return Outcome.notFound(NO_SUBSCRIPTIONS);
        }
        remove(peer);
        return Outcome.OK;
    }

    /** The live subscribers holding {@code criterion}. */
    synchronized List<PeerId> subscribersOf(Criterion criterion) {
        Set<PeerId> peers = peersByCriterion.get(criterion);
        if (peers == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return peers.stream().filter(peer -> isLive(subscribers.get(peer), now)).toList();
    }

    synchronized boolean isSubscribed(PeerId peer) {
        return isLive(subscribers.get(peer), clock.instant());
    }

    /** Removes every expired subscriber. */
    synchronized void expire() {
        Instant now = clock.instant();
        List<PeerId> expired = subscribers.entrySet().stream()
                .filter(entry -> !isLive(entry.getValue(), now)).map(Map.Entry::getKey).toList();
        expired.forEach(this::remove);
    }

    /** The live subscribers and their criteria. */
    synchronized Map<PeerId, Set<Criterion>> live() {
        Instant now = clock.instant();
        Map<PeerId, Set<Criterion>> live = new HashMap<>();
        subscribers.forEach((peer, subscriber) -> {
            if (isLive(subscriber, now)) {
                live.put(peer, Set.copyOf(subscriber.criteria));
            }
        });
        return live;
    }

    /** Subscribers held, including expired ones {@link #expire()} has not removed yet. */
    synchronized int subscriberCount() {
        return subscribers.size();
    }

    synchronized int criteriaCount() {
        return subscribers.values().stream().mapToInt(subscriber -> subscriber.criteria.size()).sum();
    }

    synchronized int criteriaCount(PeerId peer) {
        Subscriber subscriber = subscribers.get(peer);
        return subscriber == null ? 0 : subscriber.criteria.size();
    }

    /** The live subscriber, after removing it when it expired. */
    private Subscriber live(PeerId peer) {
        Subscriber subscriber = subscribers.get(peer);
        if (subscriber != null && !isLive(subscriber, clock.instant())) {
            remove(peer);
            return null;
        }
        return subscriber;
    }

    private boolean isLive(Subscriber subscriber, Instant now) {
        return subscriber != null && !subscriber.lastSeen.plus(ttl).isBefore(now);
    }

    private void remove(PeerId peer) {
        Subscriber removed = subscribers.remove(peer);
        if (removed != null) {
            removed.criteria.forEach(criterion -> forgetPeerOf(criterion, peer));
        }
    }

    private void forgetPeerOf(Criterion criterion, PeerId peer) {
        Set<PeerId> peers = peersByCriterion.get(criterion);
        if (peers != null && peers.remove(peer) && peers.isEmpty()) {
            peersByCriterion.remove(criterion);
        }
    }

    private static String describe(List<Criterion> criteria) {
        Criterion first = criteria.getFirst();
        String one = first.contentTopic() + " on " + first.pubsubTopic();
        return criteria.size() == 1 ? one : one + " and " + (criteria.size() - 1) + " more";
    }
}
