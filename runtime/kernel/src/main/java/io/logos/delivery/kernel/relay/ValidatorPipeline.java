package io.logos.delivery.kernel.relay;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs validators in order; the first verdict that is not ACCEPT decides. A throwing validator ignores. */
final class ValidatorPipeline {

    private final List<MessageValidator> validators = new CopyOnWriteArrayList<>();

    ValidatorPipeline(List<MessageValidator> initial) {
        validators.addAll(initial);
    }

    void add(MessageValidator validator) {
        validators.add(validator);
    }

    Verdict validate(PubsubTopic topic, WakuMessage message, int encodedSize) {
        for (MessageValidator validator : validators) {
            Verdict verdict;
            try {
                verdict = validator.validate(topic, message, encodedSize);
            } catch (RuntimeException e) {
                // our own failure is no reason to penalise the peer
                verdict = Verdict.ignore("validator failed: " + e);
            }
            if (!verdict.accepted()) {
                return verdict;
            }
        }
        return Verdict.ACCEPT;
    }
}
