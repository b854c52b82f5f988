package io.logos.delivery.messaging.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.WakuNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Publishes test messages from a relay node, stamped with the test's clock. */
final class Publisher {

    private final WakuNode node;
    private final Clock clock;
    private int sequence;

    Publisher(WakuNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /** A new message on {@code contentTopic}, stamped now. */
    WakuMessage message(String contentTopic) {
        Instant now = clock.instant();
        return WakuMessage.builder().contentTopic(contentTopic)
                .payload(("message " + ++sequence).getBytes(StandardCharsets.UTF_8))
                .timestamp(now.getEpochSecond() * 1_000_000_000L + now.getNano()).build();
    }

    /** Publishes a new message on {@code contentTopic}; answers its hash. */
    MessageHash publish(String contentTopic) throws Exception {
        return publish(message(contentTopic));
    }

    MessageHash publish(WakuMessage message) throws Exception {
        PublishOutcome outcome = node.relay().orElseThrow().publish(message).get(30, TimeUnit.SECONDS);
        assertEquals(PublishOutcome.Status.PUBLISHED, outcome.status(), () -> "publishing: " + outcome);
        return outcome.hash();
    }

    /** Whether {@code store} holds every one of {@code hashes}, asked from this publisher's node. */
    boolean storeHolds(WakuNode store, List<MessageHash> hashes) {
        StoreQuery query = StoreQuery.builder().messageHashes(hashes).build();
        StoreResponse response = node.store().query(query, Optional.of(store.peerId())).join();
        return response.succeeded() && response.messages().size() == hashes.size();
    }
}
