package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.pubsub.AsyncTopicValidator;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validators of each topic, run in the order they were added; each runs only after the previous one
 * accepted, and the first that does not accept decides. Synchronous validators are asynchronous ones that
 * happen to be done at once, so a topic without slow validators is validated without leaving the caller's
 * thread. A validator that throws or fails counts as {@link ValidationResult#IGNORE}.
 */
final class TopicValidators {

    private static final Logger LOG = LoggerFactory.getLogger(TopicValidators.class);

    /** A registered validator; the wrapper makes each registration removable on its own. */
    private record Entry(AsyncTopicValidator validator) {
    }

    private final Map<String, List<Entry>> byTopic = new HashMap<>();
    private final Executor routerExecutor;

    /** @param routerExecutor where validation continues after an asynchronous validator completes */
    TopicValidators(Executor routerExecutor) {
        this.routerExecutor = routerExecutor;
    }

    /** Adds a validator to {@code topic}; run the returned action to remove it again. */
    Runnable add(String topic, AsyncTopicValidator validator) {
        Entry entry = new Entry(validator);
        byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(entry);
        return () -> {
            List<Entry> entries = byTopic.get(topic);
            if (entries != null && entries.remove(entry) && entries.isEmpty()) {
                byTopic.remove(topic);
            }
        };
    }

    /** Validates {@code message} with its topic's validators; completes on the router's thread. */
    CompletableFuture<ValidationResult> validate(Message message) {
        return runFrom(List.copyOf(byTopic.getOrDefault(message.topic(), List.of())), 0, message);
    }

    private CompletableFuture<ValidationResult> runFrom(List<Entry> entries, int first, Message message) {
        for (int i = first; i < entries.size(); i++) {
            CompletableFuture<ValidationResult> result = run(entries.get(i), message);
            if (!result.isDone()) {
                int next = i + 1;
                return result.thenComposeAsync(decision -> decision == ValidationResult.ACCEPT
                        ? runFrom(entries, next, message)
                        : CompletableFuture.completedFuture(decision), routerExecutor);
            }
            ValidationResult decision = result.join();
            if (decision != ValidationResult.ACCEPT) {
                return result;
            }
        }
        return CompletableFuture.completedFuture(ValidationResult.ACCEPT);
    }

    private static CompletableFuture<ValidationResult> run(Entry entry, Message message) {
        CompletionStage<ValidationResult> stage;
        try {
            stage = entry.validator().validate(message);
        } catch (RuntimeException e) {
            LOG.warn("validator of topic {} threw; ignoring message {}", message.topic(), message.id(), e);
            return CompletableFuture.completedFuture(ValidationResult.IGNORE);
        }
        return stage.toCompletableFuture().handle((decision, failure) -> {
            if (failure != null || decision == null) {
                LOG.warn("validator of topic {} failed; ignoring message {}", message.topic(), message.id(), failure);
                return ValidationResult.IGNORE;
            }
            return decision;
        });
    }
}
