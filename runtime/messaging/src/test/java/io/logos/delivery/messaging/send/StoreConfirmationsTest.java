package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.testkit.time.Eventually;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence queries against a real store node: batched by page size, throttled by the check interval. */
class StoreConfirmationsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(3);

    private final SendFixture fixture = new SendFixture();

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void asksForAtMostAPageOfHashesPerQueryAndReportsWhatTheStoreHolds() throws Exception {
        WakuNode store = fixture.start(settings -> settings.archive("memory://"));
        WakuNode sender = fixture.start(settings -> settings.storeNodes(List.of(SendFixture.address(store))));
        fixture.relayPeers(sender, store);
        List<MessageHash> stored = List.of(publish(sender, "first"), publish(sender, "second"));
        for (MessageHash hash : stored) {
            SendFixture.awaitStored(sender.store(), hash);
        }
        List<MessageHash> asked = new ArrayList<>(IntStream.range(0, 248)
                .mapToObj(i -> fixture.message(sender, "never sent " + i, false).hash()).toList());
        asked.add(120, stored.get(0));
        asked.add(stored.get(1));
        RecordingStore queries = new RecordingStore(sender.store());
        StoreConfirmations confirmations = new StoreConfirmations(queries, INTERVAL, fixture.thread());
        Set<MessageHash> answeredAsked = ConcurrentHashMap.newKeySet();
        Set<MessageHash> held = ConcurrentHashMap.newKeySet();

        Instant now = fixture.clock.instant();
        fixture.onThread(() -> {
            confirmations.check(asked, now, (batch, found) -> {
                answeredAsked.addAll(batch);
                held.addAll(found);
            });
            return null;
        });
        Eventually.waitUntil(() -> answeredAsked.size() == 250, "every query is answered");

        assertEquals(List.of(100, 100, 50), queries.queries().stream().map(query -> query.messageHashes().size())
                .toList());
        assertTrue(queries.queries().stream().allMatch(query -> !query.includeData()
                && query.pageSize().getAsLong() == query.messageHashes().size()), queries.queries().toString());
        assertEquals(new HashSet<>(asked), answeredAsked);
        assertEquals(Set.copyOf(stored), held);
        assertFalse(fixture.onThread(() -> confirmations.mayCheck(now.plus(INTERVAL).minusMillis(1))));
        assertTrue(fixture.onThread(() -> confirmations.mayCheck(now.plus(INTERVAL))));
    }

    private MessageHash publish(WakuNode sender, String payload) {
        OutgoingMessage message = fixture.message(sender, payload, false);
        PublishOutcome outcome = sender.relay().orElseThrow().publish(message.pubsubTopic(), message.message()).join();
        assertEquals(PublishOutcome.Status.PUBLISHED, outcome.status());
        return message.hash();
    }
}
