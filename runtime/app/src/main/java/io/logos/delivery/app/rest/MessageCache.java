package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * nwaku's REST message cache: keeps the messages that arrive on a subscribed pubsub topic or content
 * topic, at most {@code capacity} in all (the oldest is dropped for a new one), each once. Reading a
 * topic takes its messages out, so each call returns what arrived since the last one. Thread-safe.
 */
final class MessageCache {

    private record Entry(PubsubTopic pubsubTopic, WakuMessage message) {
    }

    private final int capacity;
    private final Set<PubsubTopic> pubsubTopics = new HashSet<>();
    private final Set<String> contentTopics = new HashSet<>();
    private final LinkedList<Entry> entries = new LinkedList<>();

    MessageCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a message cache holds at least one message, got " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void subscribe(PubsubTopic topic) {
        pubsubTopics.add(topic);
    }

    synchronized void subscribe(ContentTopic topic) {
        contentTopics.add(topic.value());
    }

    /** Stops keeping {@code topic}'s messages and drops those no content topic subscription holds. */
    synchronized void unsubscribe(PubsubTopic topic) {
        pubsubTopics.remove(topic);
        entries.removeIf(entry -> entry.pubsubTopic().equals(topic) && !heldByContentTopic(entry));
    }

    /** Stops keeping {@code topic}'s messages and drops those no pubsub topic subscription holds. */
    synchronized void unsubscribe(ContentTopic topic) {
        contentTopics.remove(topic.value());
        entries.removeIf(entry -> entry.message().contentTopic().equals(topic.value()) && !heldByPubsubTopic(entry));
    }

    synchronized boolean isSubscribed(PubsubTopic topic) {
        return pubsubTopics.contains(topic);
    }

    /** The subscribed content topics. */
    synchronized List<ContentTopic> contentTopics() {
        return contentTopics.stream().map(ContentTopic::parse).toList();
    }

    /** Forgets every subscription and message. */
    synchronized void clear() {
        pubsubTopics.clear();
        contentTopics.clear();
        entries.clear();
    }

    /** Keeps {@code message} when one of its topics is subscribed and it is not kept already. */
    synchronized void add(PubsubTopic pubsubTopic, WakuMessage message) {
        Entry entry = new Entry(pubsubTopic, message);
        if ((!heldByPubsubTopic(entry) && !heldByContentTopic(entry)) || entries.contains(entry)) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The messages kept for {@code topic}, oldest first, taken out; empty when it is not subscribed. */
    synchronized Optional<List<WakuMessage>> take(PubsubTopic topic) {
        if (!pubsubTopics.contains(topic)) {
            return Optional.empty();
        }
        return Optional.of(takeWhere(entry -> entry.pubsubTopic().equals(topic)));
    }

    /** The messages kept for {@code topic}, oldest first, taken out; empty when it is not subscribed. */
    synchronized Optional<List<WakuMessage>> take(ContentTopic topic) {
        if (!contentTopics.contains(topic.value())) {
            return Optional.empty();
        }
        return Optional.of(takeWhere(entry -> entry.message().contentTopic().equals(topic.value())));
    }

    private List<WakuMessage> takeWhere(Predicate<Entry> wanted) {
        List<WakuMessage> taken = new ArrayList<>();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (wanted.test(entry)) {
                taken.add(entry.message());
                it.remove();
            }
        }
        return taken;
    }

    private boolean heldByPubsubTopic(Entry entry) {
        return pubsubTopics.contains(entry.pubsubTopic());
    }

    private boolean heldByContentTopic(Entry entry) {
        return contentTopics.contains(entry.message().contentTopic());
    }
}
