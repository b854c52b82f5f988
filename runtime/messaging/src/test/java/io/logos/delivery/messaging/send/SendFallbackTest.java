package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.MessagingEvent.MessagePropagated;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Light push sends what relay cannot: a core node's fallback, an edge node's only strategy. */
class SendFallbackTest {

    private final SendFixture fixture = new SendFixture();
    private final MessagingOptions options = fixture.options().build();
    private WakuNode service;

    @BeforeEach
    void startServiceNode() throws Exception {
        service = fixture.start(settings -> settings.services(true, false).archive("memory://"));
        // the light push service needs a relay peer of its own to relay to
        WakuNode relayPeer = fixture.start(settings -> settings);
        fixture.relayPeers(service, relayPeer);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aCoreNodeWithoutRelayPeersSendsThroughItsLightPushService() throws Exception {
        WakuNode sender = fixture.start(settings -> settings.lightpushNodes(List.of(SendFixture.address(service)))
                .storeNodes(List.of(SendFixture.address(service))));
        assertTrue(sender.peers().connected().isEmpty(), "the service peer is dialled only to push");
        SendService sends = fixture.service(sender, options);
        OutgoingMessage message = fixture.message(sender, "via light push", false);

        RequestId id = fixture.submit(sends, message);
        fixture.roundsUntil(sends, () -> fixture.events.contains(new MessagePropagated(id, message.hash())),
                "light push propagates the message");

        List<AttemptLog.Attempt> attempts = fixture.attempts.of(message.hash());
        assertEquals("relay", attempts.get(0).processor());
        assertInstanceOf(SendResult.TryNext.class, attempts.get(0).result());
        assertEquals("lightpush", attempts.get(1).processor());
        // the service's relay peer, and maybe the sender too once its subscription reached the service
        assertInstanceOf(SendResult.Propagated.class, attempts.get(1).result());
        assertEquals(2, attempts.size(), "propagated at the first transmission");
        SendFixture.awaitStored(sender.store(), message.hash());
    }

    @Test
    void anEdgeNodeSendsThroughLightPushOnly() throws Exception {
        WakuNode edge = fixture.start(settings -> settings.relay(false)
                .lightpushNodes(List.of(SendFixture.address(service)))
                .storeNodes(List.of(SendFixture.address(service))));
        assertEquals(List.of("lightpush"), SendFixture.installedChain(edge).stream().map(SendProcessor::name).toList());
        SendService sends = fixture.service(edge, options);
        OutgoingMessage message = fixture.message(edge, "from the edge", false);

        RequestId id = fixture.submit(sends, message);
        fixture.roundsUntil(sends, () -> fixture.events.contains(new MessagePropagated(id, message.hash())),
                "light push propagates the message");
        fixture.clock.advance(options.archiveTime());
        fixture.roundsUntil(sends, () -> sends.trackedCount() == 0, "the service's store confirms it");

        assertEquals(List.of(new AttemptLog.Attempt("lightpush", new SendResult.Propagated(1))),
                fixture.attempts.of(message.hash()));
        assertEquals(2, fixture.events.all().size(), "propagated, then sent: " + fixture.events.all());
    }
}
