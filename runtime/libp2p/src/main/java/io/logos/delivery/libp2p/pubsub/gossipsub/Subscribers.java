package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.pubsub.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's message handlers per topic; a topic with handlers is one we are subscribed to. */
final class Subscribers {

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private final Map<String, List<Consumer<Message>>> handlers = new HashMap<>();

    /** Adds a handler; returns whether it is the topic's first. */
    boolean add(String topic, Consumer<Message> handler) {
        List<Consumer<Message>> topicHandlers = handlers.computeIfAbsent(topic, t -> new ArrayList<>());
        topicHandlers.add(handler);
        return topicHandlers.size() == 1;
    }

    /** Removes a handler; returns whether it was the topic's last. */
    boolean remove(String topic, Consumer<Message> handler) {
        List<Consumer<Message>> topicHandlers = handlers.get(topic);
        if (topicHandlers == null || !topicHandlers.remove(handler)) {
            return false;
        }
        if (topicHandlers.isEmpty()) {
            handlers.remove(topic);
            return true;
        }
        return false;
    }

    /** Hands the message to each handler of its topic; a failing handler does not stop the others. */
    void deliver(Message message) {
        for (Consumer<Message> handler : List.copyOf(handlers.getOrDefault(message.topic(), List.of()))) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("handler of topic {} failed on message {}", message.topic(), message.id(), e);
            }
        }
    }
}
