package io.logos.delivery.messaging.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.messaging.delivery.DeliveryThread;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How one transmission walks the processors (scripted here; the real ones run in the other send tests). */
class SendChainTest {

    private static final SendTask TASK = new SendTask(RequestId.random(), OutgoingMessage.of(
            PubsubTopic.of("/waku/2/rs/66/0"), WakuMessage.builder().contentTopic("/send-test/1/chat/proto")
                    .payload(new byte[] {7}).timestamp(1).build()));

    private final DeliveryThread thread = new DeliveryThread();
    private final List<String> called = new CopyOnWriteArrayList<>();
    private final List<String> callingThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        thread.close();
    }

    @Test
    void theNextProcessorIsAskedOnlyWhenTheOneBeforePasses() throws Exception {
        SendResult result = send(processor("relay", () -> new SendResult.TryNext("no peers")),
                processor("lightpush", () -> new SendResult.Propagated(2)),
                processor("never", () -> new SendResult.Propagated(9)));

        assertEquals(new SendResult.Propagated(2), result);
        assertEquals(List.of("relay", "lightpush"), called);
    }

    @Test
    void whenEveryProcessorPassesTheMessageIsRetriedLaterWithTheirReasons() throws Exception {
        SendResult result = send(processor("relay", () -> new SendResult.TryNext("no peers")),
                processor("lightpush", () -> new SendResult.TryNext("no service")));

        assertEquals(new SendResult.RetryLater("no strategy could send it now: relay: no peers; lightpush: no service"),
                result);
    }

    @Test
    void aRetryOrAFailureEndsTheWalk() throws Exception {
        assertEquals(new SendResult.Failed("invalid"), send(processor("relay", () -> new SendResult.Failed("invalid")),
                processor("lightpush", () -> new SendResult.Propagated(1))));
        assertEquals(new SendResult.RetryLater("busy"), send(processor("lightpush", () -> new SendResult.RetryLater(
                "busy")), processor("other", () -> new SendResult.Propagated(1))));
    }

    @Test
    void aProcessorThatBreaksItsPromiseIsAPassingFault() throws Exception {
        SendResult failedFuture = send(processor("failing", () -> {
            throw new IllegalStateException("boom");
        }));
        SendResult thrown = send(new SendProcessor() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public CompletableFuture<SendResult> send(OutgoingMessage message) {
                throw new IllegalStateException("bang");
            }
        });

        assertTrue(((SendResult.RetryLater) failedFuture).reason().contains("boom"), failedFuture.toString());
        assertTrue(((SendResult.RetryLater) thrown).reason().contains("bang"), thrown.toString());
    }

    @Test
    void processorsAfterTheFirstAreCalledOnTheDeliveryThread() throws Exception {
        send(processor("relay", () -> new SendResult.TryNext("no peers")),
                processor("lightpush", () -> new SendResult.Propagated(1)));

        assertEquals(DeliveryThread.NAME, callingThreads.get(1));
    }

    private SendResult send(SendProcessor... processors) throws Exception {
        return new SendChain(List.of(processors), thread).send(TASK).get(10, TimeUnit.SECONDS);
    }

    /** A processor answering {@code answer} a moment later, from another thread, as the real ones do. */
    private SendProcessor processor(String name, Supplier<SendResult> answer) {
        return new SendProcessor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<SendResult> send(OutgoingMessage message) {
                called.add(name);
                callingThreads.add(Thread.currentThread().getName());
                return CompletableFuture.supplyAsync(answer);
            }
        };
    }
}
