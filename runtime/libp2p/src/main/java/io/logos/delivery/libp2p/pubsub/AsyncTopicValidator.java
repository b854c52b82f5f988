package io.logos.delivery.libp2p.pubsub;

import java.util.concurrent.CompletionStage;

/**
 * Decides asynchronously whether a message received on a topic is valid, for checks too slow for the
 * router's thread (proof verification, lookups). Called on the router's thread; the stage may complete on
 * any thread. A stage that completes exceptionally counts as {@link ValidationResult#IGNORE}.
 */
@FunctionalInterface
public interface AsyncTopicValidator {

    CompletionStage<ValidationResult> validate(Message message);
}
