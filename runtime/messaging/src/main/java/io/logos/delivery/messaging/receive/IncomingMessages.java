package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.messaging.MessagingEvent.MessageReceived;
import io.logos.delivery.messaging.delivery.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every path delivers what it received: only messages on subscribed content topics pass, each hash once,
 * as {@code message:received}. Used on the delivery thread only.
 */
final class IncomingMessages {

    /** How a message reached us, for the logs. */
    enum Path {
        RELAY("relay"), FILTER("filter"), STORE("store backfill");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(IncomingMessages.class);

    private final SubscribedTopics topics;
    private final SeenMessages seen;
    private final EventSink events;
    private boolean closed;

    IncomingMessages(SubscribedTopics topics, SeenMessages seen, EventSink events) {
        this.topics = topics;
        this.seen = seen;
        this.events = events;
    }

    void accept(ReceivedMessage received, Path path) {
        if (closed) {
            return;
        }
        // checked before dedup: a message dropped now must still pass once its topic is subscribed (backfill)
        if (!topics.isSubscribed(received.pubsubTopic(), received.message().contentTopic())) {
            LOG.trace("Ignored {} via {}: content topic {} on {} is not subscribed", received.hash(), path,
                    received.message().contentTopic(), received.pubsubTopic());
            return;
        }
        if (!seen.markSeen(received.hash())) {
            LOG.debug("Dropped duplicate {} via {}", received.hash(), path);
            return;
        }
        LOG.debug("Received {} via {} on {} ({})", received.hash(), path, received.pubsubTopic(),
                received.message().contentTopic());
        events.emit(new MessageReceived(received.hash(), received.pubsubTopic(), received.message()));
    }

    /** Emits nothing from now on: kernel callbacks may still be on their way. */
    void close() {
        closed = true;
    }
}
