package io.logos.delivery.libp2p.pubsub;

/**
 * Decides synchronously whether a message received on a topic is valid. Runs on the router's thread, so
 * it must be quick; use an {@link AsyncTopicValidator} for slow checks. A validator that throws counts as
 * {@link ValidationResult#IGNORE}: our own failure is no reason to penalise the peer.
 */
@FunctionalInterface
public interface TopicValidator {

    ValidationResult validate(Message message);
}
