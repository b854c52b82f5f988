package io.logos.delivery.kernel.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link StoreServer} beyond the protocol's (see {@link StoreProtocol}).
 *
 * @param concurrentQueries archive reads run at once (each holds a database connection while it runs)
 * @param queuedQueries     archive reads that may wait for a turn; beyond that a query gets 503
 * @param readTimeout       how long a peer may take to send its request after opening the stream
 */
public record StoreServerConfig(int concurrentQueries, int queuedQueries, Duration readTimeout) {

    /** 8 reads at once, 128 waiting, 30 s to send a request. */
    public static final StoreServerConfig DEFAULT = new StoreServerConfig(8, 128, Duration.ofSeconds(30));

    public StoreServerConfig {
        if (concurrentQueries < 1 || queuedQueries < 1) {
            throw new IllegalArgumentException("the store needs at least one running and one queued query, got "
                    + concurrentQueries + " and " + queuedQueries);
        }
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive, got " + readTimeout);
        }
    }

    public StoreServerConfig withQueries(int concurrent, int queued) {
        return new StoreServerConfig(concurrent, queued, readTimeout);
    }
}
