package io.logos.delivery.plugin.send.lightpush;

import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pushes to a light push service peer the peer manager picks (lightpush v3, on the message's shard) and maps the
 * status code as nwaku's light push send processor: 200 ⇒ {@link SendResult.Propagated}; busy, unreachable or
 * unable to relay right now (429, 500, 503, 504, 505, which includes "no service peer") ⇒
 * {@link SendResult.RetryLater}; anything else — the message itself is refused (400, 413, 420, 421) ⇒
 * {@link SendResult.Failed}.
 */
final class LightpushSendProcessor implements SendProcessor {

    static final String NAME = "lightpush";

    private static final Set<Integer> PASSING = Set.of(LightpushResult.TOO_MANY_REQUESTS,
            LightpushResult.INTERNAL_SERVER_ERROR, LightpushResult.SERVICE_NOT_AVAILABLE,
            LightpushResult.OUT_OF_RLN_PROOF, LightpushResult.NO_PEERS_TO_RELAY);

    private final LightpushClient client;

    LightpushSendProcessor(LightpushClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<SendResult> send(OutgoingMessage message) {
        try {
            return client.push(Optional.of(message.pubsubTopic()), message.message(), Optional.empty())
                    .thenApply(LightpushSendProcessor::result)
                    .exceptionally(LightpushSendProcessor::unexpected);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unexpected(e));
        }
    }

    static SendResult result(LightpushResult answer) {
        if (answer.succeeded()) {
            return new SendResult.Propagated(answer.relayPeerCount());
        }
        String reason = answer.statusCode() + " " + answer.description().orElse("(no description)");
        return PASSING.contains(answer.statusCode()) ? new SendResult.RetryLater(reason)
                : new SendResult.Failed(reason);
    }

    /** The client broke its promise to report problems as status codes: a passing fault, worth another round. */
    private static SendResult unexpected(Throwable failure) {
        return new SendResult.RetryLater("light push failed: " + failure);
    }
}
