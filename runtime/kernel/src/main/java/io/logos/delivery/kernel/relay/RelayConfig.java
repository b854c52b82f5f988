package io.logos.delivery.kernel.relay;

import io.logos.delivery.api.kernel.AutoSharding;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * @param clusterId      the node's cluster
 * @param autoSharding   present when the node uses autosharding ({@code --num-shards-in-network} &gt; 0)
 * @param maxMessageSize the largest encoded message, {@code --max-msg-size}
 * @param dLow           gossipsub's D_low, the mesh size from which a topic is sufficiently healthy
 * @param maxFutureSkew  how far ahead of our clock a timestamp may be
 */
public record RelayConfig(int clusterId, Optional<AutoSharding> autoSharding, int maxMessageSize, int dLow,
                          Duration maxFutureSkew) {

    public RelayConfig {
        Objects.requireNonNull(autoSharding, "autoSharding");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive, was " + maxMessageSize);
        }
    }
}
