package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.service.InFlightRequests;
import io.logos.delivery.kernel.service.RequestStreamHandler;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The light push service: light clients hand it messages, it publishes them with relay. Serves v3
 * ({@value LightpushProtocols#V3}) and the legacy protocol ({@value LightpushProtocols#LEGACY}) side by
 * side, as nwaku does, with one rate limiter for both.
 *
 * <p>Each request is one stream: the request is read (within the read timeout), checked (size, message
 * fields, pubsub topic, served shard), published, answered, and the stream closed. A rate-limited request is
 * refused with 429 without being read. After {@link #stop()} new requests are refused with 503.
 */
public final class LightpushServer {

    /** How long a peer may take to send its request after opening the stream. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Room for the request around the message (request id, pubsub topic, field tags): a frame larger than
     * the message limit plus this is refused (413) without being read.
     */
    static final int REQUEST_ENVELOPE_BYTES = 4096;

    private final List<RequestStreamHandler> handlers;
    private final int maxFrameSize;
    private final InFlightRequests inFlight = new InFlightRequests();

    /**
     * @param relay          publishes the pushed messages; its subscriptions are the shards served
     * @param maxMessageSize the largest encoded WakuMessage accepted (nwaku's {@code --max-msg-size})
     * @param rateLimiter    requests per peer (and overall), shared by both versions; refused ones get 429
     * @param scheduler      runs the read timeouts
     * @param readTimeout    how long a peer may take to send its request
     * @param metrics        counts the requests of each version, their errors and rate-limit rejections
     */
    public LightpushServer(Relay relay, MessageSizeLimit maxMessageSize, RequestRateLimiter<PeerId> rateLimiter,
                           ScheduledExecutorService scheduler, Duration readTimeout, KernelMetrics metrics) {
        MessagePusher pusher = new MessagePusher(relay, maxMessageSize);
        this.handlers = List.of(new LightpushV3Dialect(pusher, metrics.lightpushV3()),
                        new LegacyLightpushDialect(pusher, metrics.legacyLightpush())).stream()
                .map(dialect -> new RequestStreamHandler(dialect, inFlight, rateLimiter, scheduler, readTimeout,
                        metrics))
                .toList();
        this.maxFrameSize = (int) Math.min(Integer.MAX_VALUE, (long) maxMessageSize.bytes() + REQUEST_ENVELOPE_BYTES);
    }

    /** A server with the {@link #DEFAULT_READ_TIMEOUT default read timeout}. */
    public LightpushServer(Relay relay, MessageSizeLimit maxMessageSize, RequestRateLimiter<PeerId> rateLimiter,
                           ScheduledExecutorService scheduler, KernelMetrics metrics) {
        this(relay, maxMessageSize, rateLimiter, scheduler, DEFAULT_READ_TIMEOUT, metrics);
    }

    /** Serves both protocol versions on {@code host}; identify announces them from then on. */
    public void mount(Host host) {
        for (RequestStreamHandler handler : handlers) {
            host.setFramedHandler(handler.protocol(), maxFrameSize, handler);
        }
    }

    /**
     * Refuses new requests with 503 from now on; completes once every request already being served has been
     * answered. The protocols stay mounted so that clients get that answer.
     */
    public CompletableFuture<Void> stop() {
        return inFlight.stop();
    }
}
