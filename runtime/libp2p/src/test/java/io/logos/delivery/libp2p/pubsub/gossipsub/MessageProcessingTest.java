package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Receiving, de-duplicating, validating, delivering, forwarding and publishing messages. */
class MessageProcessingTest {

    /** A router with mesh peers a and b (meshsub 1.2) and topic peer c outside the mesh. */
    private static RouterHarness withMesh(GossipSubConfig config) {
        RouterHarness harness = RouterHarness.subscribed(config);
        for (String name : List.of("a", "b")) {
            harness.receive(harness.connectSubscribed(name), Rpcs.graft(TOPIC));
        }
        harness.connectSubscribed("c");
        harness.forgetSent();
        return harness;
    }

    private static PeerId peer(String name) {
        return TestPeers.peer(name);
    }

    @Test
    void aValidMessageIsDeliveredOnceAndForwardedToTheMeshExceptItsSource() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        RpcProto.Message message = Rpcs.message(TOPIC, "hello");

        harness.receive(peer("a"), Rpcs.publish(message));
        harness.receive(peer("b"), Rpcs.publish(message));

        assertEquals(1, harness.delivered.size());
        Message delivered = harness.delivered.getFirst();
        assertEquals(TOPIC, delivered.topic());
        assertEquals("hello", new String(delivered.data()));
        assertEquals(peer("a"), delivered.receivedFrom());
        assertEquals(Rpcs.idOf(message), delivered.id());
        assertEquals(List.of(), messages(harness.takeSent(peer("a"))));
        assertEquals(List.of(message), messages(harness.takeSent(peer("b"))));
        assertEquals(List.of(), messages(harness.takeSent(peer("c"))), "c is not in the mesh");
    }

    @Test
    void theSeenCacheForgetsAMessageAfterItsTtl() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        RpcProto.Message message = Rpcs.message(TOPIC, "again");
        harness.receive(peer("a"), Rpcs.publish(message));

        harness.time.advance(Duration.ofSeconds(118));
        harness.heartbeat(); // 119 s after it was first seen
        harness.receive(peer("a"), Rpcs.publish(message));
        assertEquals(1, harness.delivered.size());

        harness.heartbeat(); // 120 s: the seen TTL
        harness.receive(peer("a"), Rpcs.publish(message));
        assertEquals(2, harness.delivered.size());
    }

    @Test
    void messagesOfTopicsWeDidNotJoinAreDropped() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message("/other", "x")));

        assertTrue(harness.delivered.isEmpty());
        assertEquals(List.of(), messages(harness.takeSent(peer("b"))));
    }

    static Stream<UnaryOperator<RpcProto.Message.Builder>> authorshipFields() {
        return Stream.of(
                m -> m.setFrom(ByteString.copyFrom(peer("author").toBytes())),
                m -> m.setSeqno(ByteString.copyFrom(new byte[8])),
                m -> m.setSignature(ByteString.copyFromUtf8("sig")),
                m -> m.setKey(ByteString.EMPTY));
    }

    @ParameterizedTest
    @MethodSource("authorshipFields")
    void strictNoSignRejectsMessagesCarryingAuthorshipWithoutRememberingThem(
            UnaryOperator<RpcProto.Message.Builder> addField) {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        RpcProto.Message plain = Rpcs.message(TOPIC, "plain");

        harness.receive(peer("a"), Rpcs.publish(addField.apply(plain.toBuilder()).build()));

        assertTrue(harness.delivered.isEmpty());
        assertEquals(List.of(), messages(harness.takeSent(peer("b"))));
        assertEquals(-100.0, harness.router.score(peer("a")), 1e-9, "one P4 penalty");
        harness.receive(peer("b"), Rpcs.publish(plain));
        assertEquals(1, harness.delivered.size(), "the same data without those fields is still new");
    }

    @Test
    void validatorsRunInOrderAndTheFirstThatDoesNotAcceptDecides() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        List<String> calls = new ArrayList<>();
        harness.router.addValidator(TOPIC, m -> {
            calls.add("first");
            return CompletableFuture.completedFuture(new String(m.data()).startsWith("bad")
                    ? ValidationResult.REJECT : ValidationResult.ACCEPT);
        });
        harness.router.addValidator(TOPIC, m -> {
            calls.add("second");
            return CompletableFuture.completedFuture(ValidationResult.ACCEPT);
        });

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "bad one")));
        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "good one")));

        assertEquals(List.of("first", "first", "second"), calls);
        assertEquals(1, harness.delivered.size());
    }

    @Test
    void ignoredMessagesAreNeitherDeliveredNorForwardedNorPenalised() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        harness.router.addValidator(TOPIC, m -> CompletableFuture.completedFuture(ValidationResult.IGNORE));

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "meh")));

        assertTrue(harness.delivered.isEmpty());
        assertEquals(List.of(), messages(harness.takeSent(peer("b"))));
        assertTrue(harness.router.score(peer("a")) >= 0);
    }

    @Test
    void aThrowingValidatorIgnoresTheMessage() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        harness.router.addValidator(TOPIC, m -> {
            throw new IllegalStateException("validator bug");
        });

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "x")));

        assertTrue(harness.delivered.isEmpty());
        assertTrue(harness.router.score(peer("a")) >= 0);
    }

    @Test
    void asynchronousValidationDeliversWhenItCompletesAndSkipsPeersThatSentCopiesMeanwhile() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        CompletableFuture<ValidationResult> verdict = new CompletableFuture<>();
        harness.router.addValidator(TOPIC, m -> verdict);
        RpcProto.Message message = Rpcs.message(TOPIC, "slow");

        harness.receive(peer("a"), Rpcs.publish(message));
        harness.receive(peer("b"), Rpcs.publish(message));
        assertTrue(harness.delivered.isEmpty());

        verdict.complete(ValidationResult.ACCEPT);

        assertEquals(1, harness.delivered.size());
        assertEquals(List.of(), messages(harness.takeSent(peer("b"))), "b sent it to us, so has it");
    }

    @Test
    void copiesReceivedWhileARejectedMessageWasValidatedArePenalisedToo() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        CompletableFuture<ValidationResult> verdict = new CompletableFuture<>();
        harness.router.addValidator(TOPIC, m -> verdict);
        RpcProto.Message message = Rpcs.message(TOPIC, "spam");

        harness.receive(peer("a"), Rpcs.publish(message));
        harness.receive(peer("b"), Rpcs.publish(message));
        verdict.complete(ValidationResult.REJECT);
        harness.receive(peer("c"), Rpcs.publish(message));

        for (String name : List.of("a", "b", "c")) {
            assertEquals(-100.0, harness.router.score(peer(name)), 1e-9, name + " earns one P4 penalty");
        }
    }

    @Test
    void messagesBeyondThePendingValidationLimitAreIgnored() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults().withGossip(
                GossipParams.defaults().toBuilder().maxPendingValidations(1).build()));
        List<CompletableFuture<ValidationResult>> verdicts = new ArrayList<>();
        harness.router.addValidator(TOPIC, m -> {
            CompletableFuture<ValidationResult> verdict = new CompletableFuture<>();
            verdicts.add(verdict);
            return verdict;
        });

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "one")));
        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "two")));
        assertEquals(1, verdicts.size(), "the second was not validated");
        verdicts.getFirst().complete(ValidationResult.ACCEPT);
        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "three")));

        assertEquals(2, verdicts.size());
    }

    @Test
    void aRemovedValidatorNoLongerRuns() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        Runnable remove = harness.router.addValidator(TOPIC,
                m -> CompletableFuture.completedFuture(ValidationResult.REJECT));
        remove.run();

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "fine")));

        assertEquals(1, harness.delivered.size());
    }

    @Test
    void publishingDeliversToOurOwnSubscribersAndReportsThePeersReached() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());

        PublishResult result = harness.router.publish(TOPIC, "mine".getBytes());

        assertEquals(PublishResult.Status.PUBLISHED, result.status());
        assertEquals(3, result.peers(), "flood publish reaches every topic peer");
        assertEquals(harness.self, harness.delivered.getFirst().receivedFrom());
        RpcProto.Message sent = messages(harness.takeSent(peer("a"))).getFirst();
        assertFalse(sent.hasFrom() || sent.hasSeqno() || sent.hasSignature() || sent.hasKey(), "StrictNoSign");
        assertEquals(PublishResult.Status.DUPLICATE, harness.router.publish(TOPIC, "mine".getBytes()).status());
    }

    @Test
    void publishingWithoutPeersRemembersNothingSoItCanBeRetried() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());

        assertEquals(PublishResult.Status.NO_PEERS, harness.router.publish(TOPIC, "early".getBytes()).status());
        assertTrue(harness.delivered.isEmpty());
        harness.connectSubscribed("a");

        assertEquals(PublishResult.Status.PUBLISHED, harness.router.publish(TOPIC, "early".getBytes()).status());
    }

    @Test
    void aMessageThatDoesNotFitOneFrameIsNotPublished() {
        GossipSubConfig waku = GossipSubConfig.wakuRelay();
        RouterHarness harness = withMesh(waku);
        int limit = waku.gossip().maxMessageSize();

        PublishResult tooLarge = harness.router.publish(TOPIC, new byte[limit]);
        PublishResult fits = harness.router.publish(TOPIC, new byte[limit - 100]);

        assertEquals(PublishResult.Status.TOO_LARGE, tooLarge.status());
        assertEquals(PublishResult.Status.PUBLISHED, fits.status());
        assertThrows(IllegalArgumentException.class, () -> harness.router.publish(" ", new byte[1]));
    }

    @Test
    void aThrowingHandlerDoesNotStopTheOthers() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());
        List<Message> second = new ArrayList<>();
        harness.router.subscribe(TOPIC, m -> {
            throw new IllegalStateException("handler bug");
        });
        harness.router.subscribe(TOPIC, second::add);

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, "x")));

        assertEquals(1, harness.delivered.size());
        assertEquals(1, second.size());
    }

    @Test
    void rpcsOfUnknownPeersAreIgnored() {
        RouterHarness harness = withMesh(GossipSubConfig.defaults());

        harness.receive(peer("nobody"), Rpcs.publish(Rpcs.message(TOPIC, "x")));

        assertTrue(harness.delivered.isEmpty());
    }
}
