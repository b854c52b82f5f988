package io.logos.delivery.plugin.send.relay;

import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes on the node's relay and says what became of it:
 * <ul>
 *   <li>published to peers ⇒ {@link SendResult.Propagated};</li>
 *   <li>no peer on the shard ⇒ {@link SendResult.TryNext}, so light push sends it (nwaku's fallback);</li>
 *   <li>already seen ⇒ {@link SendResult.Propagated} with no new peers: the message is in the network, typically
 *       our own earlier transmission still in gossipsub's seen cache when a store check asks for a re-send
 *       (nwaku reports a send error here, which would follow its own "propagated" event);</li>
 *   <li>refused by a validator ⇒ {@link SendResult.Failed} with the validator's reason.</li>
 * </ul>
 */
final class RelaySendProcessor implements SendProcessor {

    static final String NAME = "relay";

    private final Relay relay;

    RelaySendProcessor(Relay relay) {
        this.relay = relay;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<SendResult> send(OutgoingMessage message) {
        try {
            return relay.publish(message.pubsubTopic(), message.message())
                    .thenApply(RelaySendProcessor::result)
                    .exceptionally(RelaySendProcessor::unexpected);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unexpected(e));
        }
    }

    static SendResult result(PublishOutcome outcome) {
        String reason = outcome.reason().orElse(outcome.status().name());
        return switch (outcome.status()) {
            case PUBLISHED, DUPLICATE -> new SendResult.Propagated(outcome.peers());
            case NO_PEERS_TO_PUBLISH -> new SendResult.TryNext(reason);
            case INVALID -> new SendResult.Failed(reason);
        };
    }

    /** The relay broke its promise to report problems as outcomes: a passing fault, worth another round. */
    private static SendResult unexpected(Throwable failure) {
        return new SendResult.RetryLater("relay publish failed: " + failure);
    }
}
