package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.MessagingEvent.MessagePropagated;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.api.messaging.SendBudget;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a send budget, messages over the epoch's budget wait for the next epoch, and are not errors. */
class SendBudgetTest {

    private static final Duration EPOCH = Duration.ofMinutes(10);

    /** A second into the current epoch, so that the propagation window closes well before the epoch ends. */
    private final SendFixture fixture = new SendFixture(epochStart(Instant.now()).plusSeconds(1));
    private final MessagingOptions options = fixture.options().storeConfirmation(false)
            .sendBudget(new SendBudget(EPOCH, 2)).build();

    private static Instant epochStart(Instant instant) {
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), EPOCH.toMillis()) * EPOCH.toMillis());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void twoPerEpochSendsTheThirdMessageInTheNextEpoch() throws Exception {
        WakuNode sender = fixture.start(settings -> settings);
        fixture.relayPeers(sender, fixture.start(settings -> settings));
        SendService service = fixture.service(sender, options);
        List<OutgoingMessage> messages = List.of(fixture.message(sender, "one", false),
                fixture.message(sender, "two", false), fixture.message(sender, "three", false));
        List<RequestId> ids = List.of(fixture.submit(service, messages.get(0)),
                fixture.submit(service, messages.get(1)), fixture.submit(service, messages.get(2)));
        List<MessagePropagated> propagated = List.of(new MessagePropagated(ids.get(0), messages.get(0).hash()),
                new MessagePropagated(ids.get(1), messages.get(1).hash()),
                new MessagePropagated(ids.get(2), messages.get(2).hash()));

        fixture.roundsUntil(service, () -> fixture.events.all().size() == 2, "two messages are propagated");
        fixture.clock.advance(options.propagationTimeout().plusSeconds(1));
        fixture.round(service);
        assertEquals(propagated.subList(0, 2), fixture.events.all(), "the third waits, and is not given up");
        assertEquals(List.of(), fixture.attempts.of(messages.get(2).hash()), "nor transmitted");
        assertEquals(1, fixture.tracked(service));

        fixture.clock.advance(Duration.between(fixture.clock.instant(),
                epochStart(fixture.clock.instant()).plus(EPOCH)));
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the next epoch sends the third");

        assertEquals(propagated, fixture.events.all());
    }
}
