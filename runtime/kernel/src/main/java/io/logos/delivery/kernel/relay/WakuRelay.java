package io.logos.delivery.kernel.relay;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.message.MalformedMessageException;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PubSub;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waku relay over a {@link PubSub}: every subscribed pubsub topic gets the ordered validator pipeline
 * (decode, size, required fields, timestamp, then added validators such as RLN); valid messages go to
 * the listeners in registration order, one message at a time, on the delivery executor, so that the node
 * can put the filter server and the archive ahead of application listeners. Thread-safe.
 */
public final class WakuRelay implements Relay {

    private static final Logger LOG = LoggerFactory.getLogger(WakuRelay.class);

    private final PubSub pubsub;
    private final RelayConfig config;
    private final Clock clock;
    private final Executor delivery;
    private final KernelMetrics metrics;
    private final MessageSizeLimit sizeLimit;
    private final ValidatorPipeline validators;
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<PubsubTopic, Joined> joined = new ConcurrentHashMap<>();
    private final Map<PubsubTopic, TopicHealth> health = new ConcurrentHashMap<>();

    /** What subscribing to a topic registered in gossipsub. */
    private record Joined(io.logos.delivery.libp2p.pubsub.Subscription subscription,
                          io.logos.delivery.libp2p.pubsub.Registration validator) {
    }

    /** @param metrics counts the messages and bytes received and published, per pubsub topic */
    public WakuRelay(PubSub pubsub, RelayConfig config, Clock clock, Executor delivery, KernelMetrics metrics) {
        this.pubsub = pubsub;
        this.config = config;
        this.clock = clock;
        this.delivery = delivery;
        this.metrics = metrics;
        this.sizeLimit = new MessageSizeLimit(config.maxMessageSize());
        this.validators = new ValidatorPipeline(List.of(
                Validators.sizeLimit(config.maxMessageSize()),
                Validators.requiredFields(),
                Validators.timestampNotInFuture(clock, config.maxFutureSkew())));
    }

    /** Appends a validator to the pipeline, after the built-in ones (e.g. RLN). */
    public void addValidator(MessageValidator validator) {
        validators.add(validator);
    }

    @Override
    public synchronized void subscribe(PubsubTopic topic) {
        if (joined.containsKey(topic)) {
            return;
        }
        String name = topic.value();
        var validator = pubsub.addValidator(name, message -> validateReceived(topic, message));
        var subscription = pubsub.subscribe(name, message -> received(topic, message));
        joined.put(topic, new Joined(subscription, validator));
        health.put(topic, TopicHealth.UNHEALTHY);
        LOG.info("Relay subscribed to {}", topic);
    }

    @Override
    public synchronized void unsubscribe(PubsubTopic topic) {
        Joined left = joined.remove(topic);
        if (left != null) {
            left.subscription().unsubscribe();
            left.validator().remove();
            health.remove(topic);
            LOG.info("Relay unsubscribed from {}", topic);
        }
    }

    @Override
    public Set<PubsubTopic> subscriptions() {
        return Set.copyOf(joined.keySet());
    }

    private ValidationResult validateReceived(PubsubTopic topic, Message message) {
        WakuMessage decoded;
        byte[] data = message.data();
        metrics.relayValidating(topic, data.length);
        try {
            decoded = WakuMessageCodec.decode(data, sizeLimit);
        } catch (MalformedMessageException e) {
            LOG.debug("Rejected undecodable message {} from {} on {}: {}", message.id(), message.receivedFrom(), topic,
                    e.getMessage());
            return ValidationResult.REJECT;
        }
        Verdict verdict = validators.validate(topic, decoded, data.length);
        if (!verdict.accepted()) {
            LOG.debug("{} message {} from {} on {}: {}", verdict.kind(), MessageHash.compute(topic, decoded),
                    message.receivedFrom(), topic, verdict.reason());
        } else {
            metrics.relayAccepted(topic);
        }
        return switch (verdict.kind()) {
            case ACCEPT -> ValidationResult.ACCEPT;
            case REJECT -> ValidationResult.REJECT;
            case IGNORE -> ValidationResult.IGNORE;
        };
    }

    private void received(PubsubTopic topic, Message message) {
        WakuMessage decoded;
        try {
            decoded = WakuMessageCodec.decode(message.data(), sizeLimit);
        } catch (MalformedMessageException e) {
            return; // our own publishes are validated before sending; received ones passed the validator
        }
        ReceivedMessage received = ReceivedMessage.of(topic, decoded);
        metrics.relayDelivered(topic, message.size());
        LOG.debug("Relay received {} on {} from {}", received.hash(), topic, message.receivedFrom());
        delivery.execute(() -> deliver(received));
    }

    private void deliver(ReceivedMessage message) {
        for (MessageListener listener : listeners) {
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("Message listener {} failed on {}", listener, message.hash(), e);
            }
        }
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PubsubTopic topic, WakuMessage message) {
        WakuMessage stamped = message.timestamp() != 0 ? message
                : message.toBuilder().timestamp(nowNanos()).build();
        MessageHash hash = MessageHash.compute(topic, stamped);
        byte[] data = WakuMessageCodec.encode(stamped);
        Verdict verdict = validators.validate(topic, stamped, data.length);
        if (!verdict.accepted()) {
            LOG.debug("Not publishing {} on {}: {}", hash, topic, verdict.reason());
            return CompletableFuture.completedFuture(
                    new PublishOutcome(PublishOutcome.Status.INVALID, topic, hash, 0, Optional.of(verdict.reason())));
        }
        return pubsub.publish(topic.value(), data).thenApply(result -> outcome(topic, hash, data.length, result));
    }

    private PublishOutcome outcome(PubsubTopic topic, MessageHash hash, int dataBytes, PublishResult result) {
        LOG.debug("Published {} on {}: {} ({} peers)", hash, topic, result.status(), result.peers());
        if (result.isPublished()) {
            metrics.relayPublished(topic, dataBytes);
        }
        return switch (result.status()) {
            case PUBLISHED -> new PublishOutcome(PublishOutcome.Status.PUBLISHED, topic, hash, result.peers(),
                    Optional.empty());
            case NO_PEERS -> new PublishOutcome(PublishOutcome.Status.NO_PEERS_TO_PUBLISH, topic, hash, 0,
                    Optional.of("No peers for topic, skipping publish"));
            case DUPLICATE -> new PublishOutcome(PublishOutcome.Status.DUPLICATE, topic, hash, 0,
                    Optional.of("Dropping already-seen message"));
            case TOO_LARGE -> new PublishOutcome(PublishOutcome.Status.INVALID, topic, hash, 0,
                    Optional.of("Message size exceeded maximum of " + config.maxMessageSize() + " bytes"));
        };
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(WakuMessage message) {
        return publish(pubsubTopicOf(ContentTopic.parse(message.contentTopic())), message);
    }

    @Override
    public PubsubTopic pubsubTopicOf(ContentTopic topic) {
        return config.autoSharding()
                .orElseThrow(() -> new IllegalStateException(
                        "Pubsub topic must be specified when static sharding is enabled"))
                .pubsubTopicOf(topic);
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public TopicHealth health(PubsubTopic topic) {
        return health.getOrDefault(topic, TopicHealth.UNHEALTHY);
    }

    @Override
    public CompletableFuture<Set<PeerId>> topicPeers(PubsubTopic topic) {
        return pubsub.topicPeers(topic.value()).thenApply(WakuRelay::toApi);
    }

    @Override
    public CompletableFuture<Set<PeerId>> meshPeers(PubsubTopic topic) {
        return pubsub.meshPeers(topic.value()).thenApply(WakuRelay::toApi);
    }

    private static Set<PeerId> toApi(Set<io.logos.delivery.libp2p.peer.PeerId> peers) {
        return peers.stream().map(PeerIds::toApi).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Recomputes every subscribed topic's health from its mesh size and reports the changes. The node
     * calls it once per gossipsub heartbeat.
     */
    public CompletableFuture<Void> refreshHealth(Consumer<KernelEvent> events) {
        List<CompletableFuture<Void>> checks = joined.keySet().stream()
                .map(topic -> pubsub.meshPeers(topic.value()).thenAccept(mesh -> {
                    TopicHealth now = TopicHealth.of(mesh.size(), config.dLow());
                    TopicHealth before = joined.containsKey(topic) ? health.put(topic, now) : now;
                    if (before != now) {
                        events.accept(new KernelEvent.TopicHealthChanged(topic, now, mesh.size()));
                    }
                }))
                .toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
