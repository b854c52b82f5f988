package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.MessagingEvent.MessageSendError;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages the network refuses, or that nothing can send in time, end in exactly one send error. */
class SendGiveUpTest {

    private final SendFixture fixture = new SendFixture();
    private final MessagingOptions options = fixture.options().build();

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aMessageNothingCanSendIsRetriedThenGivenUpOnceTheWindowCloses() throws Exception {
        WakuNode lonely = fixture.start(settings -> settings);
        SendService service = fixture.service(lonely, options);
        OutgoingMessage message = fixture.message(lonely, "anyone there?", false);

        RequestId id = fixture.submit(service, message);
        fixture.roundsUntil(service, () -> fixture.attempts.count(message.hash(), "lightpush") >= 3,
                "relay and light push are tried again round after round");
        List<AttemptLog.Attempt> attempts = fixture.attempts.of(message.hash());
        assertTrue(attempts.stream().allMatch(attempt -> attempt.result() instanceof SendResult.TryNext
                || attempt.result() instanceof SendResult.RetryLater), attempts.toString());
        assertEquals(List.of(), fixture.events.all());

        fixture.clock.advance(options.propagationTimeout().plusSeconds(1));
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the message is given up");
        fixture.round(service);

        assertEquals(List.of(new MessageSendError(id, Optional.of(message.hash()),
                "Unable to send within retry time window")), fixture.events.all());
    }

    @Test
    void aMessageRelayRefusesFailsAtOnceWithTheReason() throws Exception {
        WakuNode sender = fixture.start(settings -> settings);
        SendService service = fixture.service(sender, options);
        OutgoingMessage valid = fixture.message(sender, "from the future", false);
        WakuMessage future = valid.message().toBuilder()
                .timestamp(valid.message().timestamp() + Duration.ofHours(1).toNanos()).build();
        OutgoingMessage message = OutgoingMessage.of(valid.pubsubTopic(), future);

        RequestId id = fixture.submit(service, message);
        fixture.roundsUntil(service, () -> service.trackedCount() == 0, "the message is refused");
        fixture.round(service);

        assertEquals(List.of(new MessageSendError(id, Optional.of(message.hash()),
                "message timestamp is more than 20 s in the future")), fixture.events.all());
        assertEquals(List.of("relay"), fixture.attempts.of(message.hash()).stream()
                .map(AttemptLog.Attempt::processor).toList(), "a refusal is not passed on to light push");
    }
}
