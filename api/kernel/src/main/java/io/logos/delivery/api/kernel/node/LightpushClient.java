package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sends messages through a light push service peer instead of relaying them ourselves. */
public interface LightpushClient {

    /**
     * Pushes {@code message} with lightpush v3 to {@code service}, or to a service peer the peer manager
     * picks when empty. Without a pubsub topic the service derives it by autosharding. Never fails: every
     * problem (no service peer, timeout, refusal) is a {@link LightpushResult} status.
     */
    CompletableFuture<LightpushResult> push(Optional<PubsubTopic> pubsubTopic, WakuMessage message,
                                            Optional<PeerId> service);

    /** Pushes with the legacy protocol {@code /vac/waku/lightpush/2.0.0-beta1}, which needs a pubsub topic. */
    CompletableFuture<LightpushResult> pushLegacy(PubsubTopic pubsubTopic, WakuMessage message,
                                                  Optional<PeerId> service);
}
