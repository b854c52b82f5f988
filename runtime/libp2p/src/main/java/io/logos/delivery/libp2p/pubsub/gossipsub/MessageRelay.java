package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.MessageIdFunction;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.PublishResult.Status;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a message (gossipsub v1.0 "Message Processing"): a received one is checked against the
 * StrictNoSign policy, de-duplicated, announced with IDONTWANT when large, validated, then delivered to our
 * subscribers and forwarded to the mesh; our own is sent to the topic's peers. Scores follow every step:
 * first and near-first deliveries earn credit, invalid ones a penalty.
 */
final class MessageRelay {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRelay.class);

    private final RouterContext ctx;
    private final Meshes meshes;
    private final Subscribers subscribers;
    private final TopicValidators validators;
    private final MessageIdFunction messageIdFunction;
    private final SeenMessages seen;
    private final MessageCache cache;
    private final GossipPromises promises;
    private int pendingValidations;

    MessageRelay(RouterContext ctx, Meshes meshes, Subscribers subscribers, TopicValidators validators,
                 MessageIdFunction messageIdFunction, SeenMessages seen, MessageCache cache, GossipPromises promises) {
        this.ctx = ctx;
        this.meshes = meshes;
        this.subscribers = subscribers;
        this.validators = validators;
        this.messageIdFunction = messageIdFunction;
        this.seen = seen;
        this.cache = cache;
        this.promises = promises;
    }

    /** Handles one message {@code from} sent us. */
    void receive(RemotePeer from, RpcProto.Message message) {
        String topic = message.getTopic();
        if (!meshes.isJoined(topic)) {
            LOG.debug("ignoring a message for topic {} we are not subscribed to, from {}", topic, from);
            return;
        }
        if (carriesAuthorship(message)) {
            // not remembered as seen: the same data without these fields may still arrive and be valid
            LOG.debug("rejecting a message from {} carrying author, seqno, signature or key (StrictNoSign)", from);
            ctx.score.invalidDelivery(from.id(), topic);
            return;
        }
        MessageId id;
        try {
            id = messageId(topic, message.getData());
        } catch (RuntimeException e) {
            LOG.warn("message id function failed on a message from {}; rejecting it", from, e);
            ctx.score.invalidDelivery(from.id(), topic);
            return;
        }
        Delivery known = seen.get(id);
        if (known != null) {
            countDuplicate(from.id(), topic, known);
            return;
        }
        Delivery delivery = Delivery.validating(ctx.now());
        seen.add(id, delivery);
        promises.delivered(id);
        if (message.getData().size() > ctx.params.idontwantMessageThreshold()) {
            sendIDontWant(id, topic, from.id());
        }
        if (pendingValidations >= ctx.params.maxPendingValidations()) {
            LOG.debug("ignoring message {} from {}: {} messages are being validated", id, from, pendingValidations);
            delivery.finish(Delivery.Status.IGNORED, ctx.now());
            return;
        }
        Message received = new Message(topic, message.getData().toByteArray(), from.id(), id);
        CompletableFuture<ValidationResult> validation = validators.validate(received);
        if (validation.isDone()) {
            finishValidation(message, received, delivery, validation.join());
        } else {
            pendingValidations++;
            // completes on the router's thread (TopicValidators continues there)
            validation.thenAccept(result -> {
                pendingValidations--;
                finishValidation(message, received, delivery, result);
                ctx.outbox.flush();
            });
        }
    }

    /** Publishes our own message (gossipsub v1.1 "Flood Publishing", else the mesh or fanout). */
    PublishResult publish(String topic, byte[] data) {
        ByteString bytes = ByteString.copyFrom(data);
        RpcProto.Message message = RpcProto.Message.newBuilder().setTopic(topic).setData(bytes).build();
        MessageId id = messageId(topic, bytes);
        if (RPC.newBuilder().addPublish(message).build().getSerializedSize() > ctx.params.maxMessageSize()) {
            return new PublishResult(Status.TOO_LARGE, 0, id);
        }
        if (seen.contains(id)) {
            return new PublishResult(Status.DUPLICATE, 0, id);
        }
        Set<PeerId> targets = publishTargets(topic);
        if (targets.isEmpty()) {
            return new PublishResult(Status.NO_PEERS, 0, id);
        }
        seen.add(id, Delivery.published(ctx.now()));
        cache.put(id, message);
        for (PeerId peer : targets) {
            ctx.outbox.sendMessages(peer, List.of(message));
        }
        subscribers.deliver(new Message(topic, data, ctx.localPeer, id));
        return new PublishResult(Status.PUBLISHED, targets.size(), id);
    }

    private Set<PeerId> publishTargets(String topic) {
        if (ctx.params.floodPublish()) {
            return Set.copyOf(ctx.topicPeers.peers(topic).stream()
                    .filter(peer -> ctx.score(peer) >= ctx.thresholds.publishThreshold())
                    .toList());
        }
        return meshes.isJoined(topic) ? Set.copyOf(meshes.mesh(topic)) : meshes.fanoutForPublish(topic);
    }

    private void finishValidation(RpcProto.Message message, Message received, Delivery delivery,
                                  ValidationResult result) {
        String topic = received.topic();
        PeerId source = received.receivedFrom();
        Instant now = ctx.now();
        switch (result) {
            case ACCEPT -> {
                delivery.finish(Delivery.Status.VALID, now);
                ctx.score.firstDelivery(source, topic);
                delivery.duplicateSenders().forEach(peer -> ctx.score.duplicateDelivery(peer, topic, now));
                cache.put(received.id(), message);
                subscribers.deliver(received);
                forward(message, received.id(), source, delivery.duplicateSenders());
            }
            case REJECT -> {
                delivery.finish(Delivery.Status.INVALID, now);
                LOG.debug("message {} from {} rejected by validation", received.id(), source);
                ctx.score.invalidDelivery(source, topic);
                delivery.duplicateSenders().forEach(peer -> ctx.score.invalidDelivery(peer, topic));
            }
            case IGNORE -> delivery.finish(Delivery.Status.IGNORED, now);
        }
    }

    /** Forwards a valid message to our mesh, except to peers that have it or said they do not want it. */
    private void forward(RpcProto.Message message, MessageId id, PeerId source, Set<PeerId> haveIt) {
        for (PeerId peer : List.copyOf(meshes.mesh(message.getTopic()))) {
            RemotePeer remote = ctx.peers.get(peer);
            if (!peer.equals(source) && !haveIt.contains(peer) && remote != null && !remote.doesNotWant(id)) {
                ctx.outbox.sendMessages(peer, List.of(message));
            }
        }
    }

    /** A copy of a message already seen: scored by what became of the first (near-first credit or penalty). */
    private void countDuplicate(PeerId peer, String topic, Delivery delivery) {
        switch (delivery.status()) {
            case VALIDATING -> delivery.addDuplicateSender(peer);
            case VALID -> ctx.score.duplicateDelivery(peer, topic, delivery.validatedAt());
            case INVALID -> ctx.score.invalidDelivery(peer, topic);
            case IGNORED -> { }
        }
    }

    /** Tells our mesh peers at once that we have this large message, so they need not send it (gossipsub v1.2). */
    private void sendIDontWant(MessageId id, String topic, PeerId source) {
        for (PeerId peer : meshes.mesh(topic)) {
            RemotePeer remote = ctx.peers.get(peer);
            if (!peer.equals(source) && remote != null && remote.version().supportsIDontWant()) {
                ctx.outbox.sendIDontWant(peer, id);
            }
        }
    }

    private MessageId messageId(String topic, ByteString data) {
        return messageIdFunction.messageId(topic, data.asReadOnlyByteBuffer());
    }

    /** StrictNoSign: the author, sequence number, signature and key fields must be absent, not just empty. */
    private static boolean carriesAuthorship(RpcProto.Message message) {
        return message.hasFrom() || message.hasSeqno() || message.hasSignature() || message.hasKey();
    }
}
