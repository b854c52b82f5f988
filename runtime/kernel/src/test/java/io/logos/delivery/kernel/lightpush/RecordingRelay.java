package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.TopicHealth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A relay for light push tests: records what it is asked to publish and answers with whatever outcome the
 * test sets (by default: published to 3 peers). Autosharding when given one, static sharding otherwise.
 */
final class RecordingRelay implements Relay {

    record Publish(PubsubTopic topic, WakuMessage message) {
    }

    private final Optional<AutoSharding> autoSharding;
    private final Set<PubsubTopic> subscriptions = ConcurrentHashMap.newKeySet();
    private final List<Publish> published = new CopyOnWriteArrayList<>();
    private volatile Function<Publish, CompletableFuture<PublishOutcome>> outcomes =
            publish -> CompletableFuture.completedFuture(outcome(publish, PublishOutcome.Status.PUBLISHED, 3, null));

    RecordingRelay(Optional<AutoSharding> autoSharding, PubsubTopic... subscribed) {
        this.autoSharding = autoSharding;
        subscriptions.addAll(List.of(subscribed));
    }

    /** Answers every publish with {@code status}, sent to {@code peers}, refused for {@code reason} (may be null). */
    void answer(PublishOutcome.Status status, int peers, String reason) {
        answer(publish -> CompletableFuture.completedFuture(outcome(publish, status, peers, reason)));
    }

    void answer(Function<Publish, CompletableFuture<PublishOutcome>> outcomes) {
        this.outcomes = outcomes;
    }

    static PublishOutcome outcome(Publish publish, PublishOutcome.Status status, int peers, String reason) {
        return new PublishOutcome(status, publish.topic(), MessageHash.compute(publish.topic(), publish.message()),
                peers, Optional.ofNullable(reason));
    }

    List<Publish> published() {
        return published;
    }

    @Override
    public void subscribe(PubsubTopic topic) {
        subscriptions.add(topic);
    }

    @Override
    public void unsubscribe(PubsubTopic topic) {
        subscriptions.remove(topic);
    }

    @Override
    public Set<PubsubTopic> subscriptions() {
        return Set.copyOf(subscriptions);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PubsubTopic topic, WakuMessage message) {
        Publish publish = new Publish(topic, message);
        published.add(publish);
        return outcomes.apply(publish);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(WakuMessage message) {
        return publish(pubsubTopicOf(ContentTopic.parse(message.contentTopic())), message);
    }

    @Override
    public PubsubTopic pubsubTopicOf(ContentTopic topic) {
        return autoSharding.orElseThrow(() -> new IllegalStateException("this node uses static sharding"))
                .pubsubTopicOf(topic);
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        throw new UnsupportedOperationException("light push does not listen to relay");
    }

    @Override
    public TopicHealth health(PubsubTopic topic) {
        return TopicHealth.UNHEALTHY;
    }

    @Override
    public CompletableFuture<Set<PeerId>> topicPeers(PubsubTopic topic) {
        return CompletableFuture.completedFuture(Set.of());
    }

    @Override
    public CompletableFuture<Set<PeerId>> meshPeers(PubsubTopic topic) {
        return CompletableFuture.completedFuture(Set.of());
    }
}
