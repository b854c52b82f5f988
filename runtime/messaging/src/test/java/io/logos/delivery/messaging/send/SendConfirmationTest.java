package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.MessagingEvent.MessagePropagated;
import io.logos.delivery.api.messaging.MessagingEvent.MessageSent;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A core node relays to its mesh, and a store node confirms what it archived. */
class SendConfirmationTest {

    private final SendFixture fixture = new SendFixture();
    private final MessagingOptions options = fixture.options().build();

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aRelayedMessageIsPropagatedThenConfirmedByTheStoreThatArchivedIt() throws Exception {
        WakuNode store = fixture.start(settings -> settings.archive("memory://"));
        WakuNode sender = fixture.start(settings -> settings.storeNodes(List.of(SendFixture.address(store))));
        fixture.relayPeers(sender, store);
        SendService service = fixture.service(sender, options);
        OutgoingMessage message = fixture.message(sender, "hello store", false);

        RequestId id = fixture.submit(service, message);
        MessagePropagated propagated = new MessagePropagated(id, message.hash());
        fixture.roundsUntil(service, () -> fixture.events.contains(propagated), "the message is propagated");
        assertEquals(List.of(new AttemptLog.Attempt("relay", new SendResult.Propagated(1))),
                fixture.attempts.of(message.hash()));
        SendFixture.awaitStored(sender.store(), message.hash());
        assertEquals(List.of(propagated), fixture.events.all(), "no confirmation before the archive time");

        fixture.clock.advance(options.archiveTime());
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the store confirms the message");

        assertEquals(List.of(propagated, new MessageSent(id, message.hash())), fixture.events.all());
    }

    @Test
    void anEphemeralMessageIsDoneOncePropagatedAndNeverAskedFor() throws Exception {
        WakuNode store = fixture.start(settings -> settings.archive("memory://"));
        WakuNode sender = fixture.start(settings -> settings.storeNodes(List.of(SendFixture.address(store))));
        fixture.relayPeers(sender, store);
        RecordingStore queries = new RecordingStore(sender.store());
        SendService service = fixture.service(sender, queries, options);
        OutgoingMessage ephemeral = fixture.message(sender, "gone with the wind", true);
        OutgoingMessage durable = fixture.message(sender, "keep me", false);

        RequestId ephemeralId = fixture.submit(service, ephemeral);
        RequestId durableId = fixture.submit(service, durable);
        fixture.roundsUntil(service, () -> fixture.events.all().size() == 2, "both are propagated");
        assertEquals(1, fixture.tracked(service), "only the durable message waits for a store");
        fixture.clock.advance(options.archiveTime());
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the store confirms the durable message");

        assertEquals(List.of(new MessagePropagated(ephemeralId, ephemeral.hash()),
                new MessagePropagated(durableId, durable.hash()), new MessageSent(durableId, durable.hash())),
                fixture.events.all());
        assertEquals(List.of(durable.hash()), queries.askedHashes());
        StoreQuery presence = queries.queries().getFirst();
        assertFalse(presence.includeData(), "a presence query asks for hashes only");
    }

    @Test
    void aMessageNoStoreHoldsIsSentAgainThenDroppedWithoutAnEvent() throws Exception {
        WakuNode relayPeer = fixture.start(settings -> settings);
        // a store that does not relay: it holds nothing
        WakuNode emptyStore = fixture.start(settings -> settings.relay(false).archive("memory://"));
        WakuNode sender = fixture.start(settings -> settings.storeNodes(List.of(SendFixture.address(emptyStore))));
        fixture.relayPeers(sender, relayPeer);
        SendService service = fixture.service(sender, options);
        OutgoingMessage message = fixture.message(sender, "nobody keeps this", false);

        RequestId id = fixture.submit(service, message);
        fixture.roundsUntil(service, () -> !fixture.events.all().isEmpty(), "the message is propagated");
        fixture.clock.advance(options.archiveTime());
        fixture.roundsUntil(service, () -> fixture.attempts.count(message.hash(), "relay") == 2,
                "the store says it does not hold it, so it is sent again");
        assertEquals(1, fixture.tracked(service), "still waiting for a confirmation");

        fixture.clock.advance(options.confirmationTimeout());
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the message is given up");

        assertEquals(List.of(new MessagePropagated(id, message.hash())), fixture.events.all());
        assertEquals(1L, fixture.onThread(service::unconfirmedDropCount));
    }
}
