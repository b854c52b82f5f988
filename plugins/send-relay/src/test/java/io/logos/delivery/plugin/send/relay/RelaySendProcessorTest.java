package io.logos.delivery.plugin.send.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.PublishOutcome.Status;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendResult;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How relay's publish outcomes become send results (the real relay is exercised by the messaging tests). */
class RelaySendProcessorTest {

    private static final OutgoingMessage MESSAGE = OutgoingMessage.of(PubsubTopic.of("/waku/2/rs/1/0"),
            WakuMessage.builder().contentTopic("/app/1/chat/proto").payload(new byte[] {1}).timestamp(1).build());

    @Test
    void publishedToPeersIsPropagated() {
        assertEquals(new SendResult.Propagated(3), send(() -> outcome(Status.PUBLISHED, 3, Optional.empty())));
    }

    @Test
    void noPeersLetsTheNextStrategyTry() {
        SendResult result = send(() -> outcome(Status.NO_PEERS_TO_PUBLISH, 0,
                Optional.of("No peers for topic, skipping publish")));
        assertEquals(new SendResult.TryNext("No peers for topic, skipping publish"), result);
    }

    @Test
    void aMessageAlreadySeenIsInTheNetwork() {
        SendResult result = send(() -> outcome(Status.DUPLICATE, 0, Optional.of("Dropping already-seen message")));
        assertEquals(new SendResult.Propagated(0), result);
    }

    @Test
    void aMessageTheValidatorsRefuseFailsWithTheirReason() {
        SendResult result = send(() -> outcome(Status.INVALID, 0, Optional.of("message has no content topic")));
        assertEquals(new SendResult.Failed("message has no content topic"), result);
    }

    @Test
    void aBrokenRelayIsAPassingFault() {
        SendResult failedFuture = send(() -> CompletableFuture.failedFuture(new IllegalStateException("stopped")));
        SendResult thrown = send(() -> {
            throw new IllegalStateException("stopped");
        });
        assertInstanceOf(SendResult.RetryLater.class, failedFuture);
        assertTrue(((SendResult.RetryLater) thrown).reason().contains("stopped"), thrown.toString());
    }

    @Test
    void onlyNodesWithRelayGetAProcessor() {
        RelaySendProcessorFactory factory = new RelaySendProcessorFactory();
        assertTrue(factory.create(node(Optional.empty())).isEmpty());
        assertEquals("relay", factory.create(node(Optional.of(relay(() -> null)))).orElseThrow().name());
    }

    private static CompletableFuture<PublishOutcome> outcome(Status status, int peers, Optional<String> reason) {
        return CompletableFuture.completedFuture(new PublishOutcome(status, MESSAGE.pubsubTopic(), MESSAGE.hash(),
                peers, reason));
    }

    private static SendResult send(Supplier<CompletableFuture<PublishOutcome>> publish) {
        return new RelaySendProcessor(relay(publish)).send(MESSAGE).join();
    }

    /** A relay whose {@code publish(topic, message)} answers with {@code publish}; nothing else is called. */
    private static Relay relay(Supplier<CompletableFuture<PublishOutcome>> publish) {
        return stub(Relay.class, "publish", 2, publish);
    }

    private static WakuNode node(Optional<Relay> relay) {
        return stub(WakuNode.class, "relay", 0, () -> relay);
    }

    private static <T> T stub(Class<T> type, String method, int arity, Supplier<?> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            int count = args == null ? 0 : args.length;
            if (called.getName().equals(method) && count == arity) {
                return answer.get();
            }
            throw new UnsupportedOperationException(called.getName() + " is not part of this test");
        }));
    }
}
