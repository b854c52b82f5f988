package io.logos.delivery.plugin.send.lightpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendResult;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How light push status codes become send results (the real client is exercised by the messaging tests). */
class LightpushSendProcessorTest {

    private static final OutgoingMessage MESSAGE = OutgoingMessage.of(PubsubTopic.of("/waku/2/rs/1/3"),
            WakuMessage.builder().contentTopic("/app/1/chat/proto").payload(new byte[] {1}).timestamp(1).build());

    @Test
    void acceptedIsPropagatedToTheServicesRelayPeers() {
        assertEquals(new SendResult.Propagated(4), send(answer(LightpushResult.SUCCESS, Optional.empty(), 4)));
    }

    @Test
    void aRefusedMessageFailsWithTheServicesDescription() {
        for (int code : List.of(400, 413, 420, 421)) {
            SendResult result = send(answer(code, Optional.of("refused for a reason"), 0));
            assertEquals(new SendResult.Failed(code + " refused for a reason"), result, "status " + code);
        }
    }

    @Test
    void aBusyOrUnreachableServiceIsRetriedLater() {
        for (int code : List.of(429, 500, 503, 504, 505)) {
            SendResult result = send(answer(code, Optional.of("not now"), 0));
            assertEquals(new SendResult.RetryLater(code + " not now"), result, "status " + code);
        }
    }

    @Test
    void noServicePeerIsRetriedLater() {
        LightpushResult none = new LightpushResult(LightpushResult.NO_PEERS_TO_RELAY,
                Optional.of("no light push service peer"), 0, MESSAGE.hash(), Optional.empty());
        assertInstanceOf(SendResult.RetryLater.class, send(CompletableFuture.completedFuture(none)));
    }

    @Test
    void pushesOnTheMessagesShardToAPeerTheClientPicks() {
        Push[] seen = new Push[1];
        new LightpushSendProcessor(client((topic, message, service) -> {
            seen[0] = new Push(topic, message, service);
            return answer(LightpushResult.SUCCESS, Optional.empty(), 1);
        })).send(MESSAGE).join();
        assertEquals(new Push(Optional.of(MESSAGE.pubsubTopic()), MESSAGE.message(), Optional.empty()), seen[0]);
    }

    @Test
    void aBrokenClientIsAPassingFault() {
        SendResult result = send(CompletableFuture.failedFuture(new IllegalStateException("stopped")));
        assertTrue(((SendResult.RetryLater) result).reason().contains("stopped"), result.toString());
    }

    @Test
    void everyNodeGetsAProcessor() {
        WakuNode node = (WakuNode) Proxy.newProxyInstance(WakuNode.class.getClassLoader(),
                new Class<?>[] {WakuNode.class}, (proxy, method, args) -> {
                    if (method.getName().equals("lightpush")) {
                        return client((topic, message, service) -> null);
                    }
                    throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                });
        assertEquals("lightpush", new LightpushSendProcessorFactory().create(node).orElseThrow().name());
    }

    private record Push(Optional<PubsubTopic> topic, WakuMessage message, Optional<PeerId> service) {
    }

    private static CompletableFuture<LightpushResult> answer(int code, Optional<String> description, int peers) {
        return CompletableFuture.completedFuture(new LightpushResult(code, description, peers, MESSAGE.hash(),
                Optional.of(new PeerId("16Uiu2HAmService"))));
    }

    private static SendResult send(CompletableFuture<LightpushResult> answer) {
        return new LightpushSendProcessor(client((topic, message, service) -> answer)).send(MESSAGE).join();
    }

    /** A client whose v3 push answers with {@code push}; the legacy protocol is not used. */
    private static LightpushClient client(V3Push push) {
        return new LightpushClient() {
            @Override
            public CompletableFuture<LightpushResult> push(Optional<PubsubTopic> pubsubTopic, WakuMessage message,
                                                           Optional<PeerId> service) {
                return push.push(pubsubTopic, message, service);
            }

            @Override
            public CompletableFuture<LightpushResult> pushLegacy(PubsubTopic pubsubTopic, WakuMessage message,
                                                                 Optional<PeerId> service) {
                throw new UnsupportedOperationException("the send strategy pushes with lightpush v3");
            }
        };
    }

    @FunctionalInterface
    private interface V3Push {
        CompletableFuture<LightpushResult> push(Optional<PubsubTopic> topic, WakuMessage message,
                                                Optional<PeerId> service);
    }
}
