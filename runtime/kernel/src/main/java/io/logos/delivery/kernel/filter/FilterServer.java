package io.logos.delivery.kernel.filter;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter v2 service (12/WAKU2-FILTER) as nwaku runs it: light clients subscribe to (pubsub topic,
 * content topic) criteria on {@value FilterProtocol#SUBSCRIBE_ID}, and every relayed message handed to
 * {@link #onMessage} is pushed, at most once per hash within the dedup TTL, to each live subscriber whose
 * criteria match and that is still connected, on a {@value FilterProtocol#PUSH_ID} stream this side opens
 * over the subscriber's connection.
 *
 * <p>Lifecycle: {@link #mount(Host)} once, then {@link #stop()}. Thread-safe.
 */
public final class FilterServer {

    private static final Logger LOG = LoggerFactory.getLogger(FilterServer.class);
    private static final String RATE_LIMITED = "filter request rejected due rate limit exceeded";
    /** How many recent message hashes the dedup remembers at most. */
    private static final int SEEN_HASHES = 100_000;

    private final FilterServerConfig config;
    private final ScheduledExecutorService scheduler;
    private final SubscriberRegistry registry;
    private final SubscribeRequests requests;
    private final RequestRateLimiter<PeerId> rateLimiter;
    private final SeenHashes pushed;
    private final KernelMetrics metrics;
    private final Map<PeerId, SubscriberPusher> pushers = new ConcurrentHashMap<>();
    private final AtomicLong droppedPushes = new AtomicLong();
    private volatile Host host;
    private volatile boolean stopped;
    private ScheduledFuture<?> maintenance;

    /** @param metrics counts the requests by type, the rate-limit rejections and the errors */
    public FilterServer(FilterServerConfig config, Clock clock, ScheduledExecutorService scheduler,
                        KernelMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        this.registry = new SubscriberRegistry(config.maxPeersToServe(), config.maxCriteriaPerPeer(),
                config.subscriptionTtl(), clock);
        this.requests = new SubscribeRequests(registry, config.maxContentTopicsPerRequest());
        this.rateLimiter = RequestRateLimiter.perPeerOnly(config.rateLimit(), clock);
        this.pushed = new SeenHashes(config.dedupTtl(), SEEN_HASHES, clock);
    }

    /** Serves {@value FilterProtocol#SUBSCRIBE_ID} on {@code host} and schedules the maintenance. */
    public synchronized void mount(Host host) {
        if (this.host != null || stopped) {
            throw new IllegalStateException("the filter service is already mounted or stopped");
        }
        this.host = Objects.requireNonNull(host, "host");
        host.setFramedHandler(FilterProtocol.SUBSCRIBE_ID, FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES, this::serve);
        long interval = config.maintenanceInterval().toMillis();
        maintenance = scheduler.scheduleWithFixedDelay(this::maintainSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Pushes a relayed message to the subscribers it matches. Called on the relay's thread: queues the
     * pushes and returns at once.
     */
    public void onMessage(ReceivedMessage received) {
        Host mounted = host;
        if (mounted == null || stopped) {
            return;
        }
        List<PeerId> subscribers = registry.subscribersOf(
                new Criterion(received.pubsubTopic().value(), received.message().contentTopic()));
        if (subscribers.isEmpty() || !pushed.firstSighting(received.hash())) {
            return;
        }
        byte[] frame = FilterWire.push(received);
        for (PeerId subscriber : subscribers) {
            // nwaku pushes only over a connection the subscriber keeps; a light client cannot be dialled
            if (mounted.connections(subscriber).isEmpty()) {
                continue;
            }
            if (pusherOf(mounted, subscriber).offer(frame)) {
                LOG.debug("Filter push of {} on {} to {}", received.hash(), received.pubsubTopic(), subscriber);
            } else {
                droppedPushes.incrementAndGet();
                metrics.filterError(KernelMetrics.FILTER_PUSH_QUEUE_FULL);
            }
        }
    }

    private SubscriberPusher pusherOf(Host mounted, PeerId subscriber) {
        return pushers.computeIfAbsent(subscriber, peer ->
                new SubscriberPusher(mounted, peer, config.pushQueueCapacity(), config.pushTimeout()));
    }

    private void serve(FramedStream stream) {
        PeerId peer = stream.remotePeer();
        if (stopped) {
            stream.reset();
            return;
        }
        boolean admitted = rateLimiter.tryAcquire(peer);
        metrics.serviceRequest(FilterProtocol.SUBSCRIBE_ID, admitted);
        if (!admitted) {
            // nwaku answers without reading the request, so without its id
            answer(stream, FilterWire.response("N/A", new Outcome(FilterProtocol.TOO_MANY_REQUESTS, RATE_LIMITED)));
            return;
        }
        stream.read().whenComplete((frame, failure) -> {
            if (failure != null) {
                // an oversized or broken frame: stop the peer's writes rather than wait for them
                LOG.debug("Cannot read a filter request from {}: {}", peer, failure.toString());
                stream.reset();
                return;
            }
            Optional<FilterSubscribeRequest> request = frame.flatMap(bytes -> parse(peer, bytes));
            if (request.isEmpty()) {
                // nwaku closes without an answer when the request is missing or undecodable
                stream.close();
                return;
            }
            metrics.filterRequest(request.get().getFilterSubscribeType().name());
            Outcome outcome = requests.handle(peer, request.get());
            answer(stream, FilterWire.response(request.get().getRequestId(), outcome));
            if (!registry.isSubscribed(peer)) {
                closePusher(peer);
            }
        });
    }

    private Optional<FilterSubscribeRequest> parse(PeerId peer, byte[] frame) {
        try {
            return Optional.of(FilterWire.parseRequest(frame));
        } catch (InvalidProtocolBufferException e) {
            metrics.filterError(KernelMetrics.FILTER_DECODE_FAILURE);
            LOG.debug("Undecodable filter request from {}: {}", peer, e.getMessage());
            return Optional.empty();
        }
    }

    private static void answer(FramedStream stream, byte[] response) {
        stream.answerAndFinish(response);
    }

    /** Drops expired subscribers and their push streams, and forgets rate-limit buckets of quiet peers. */
    public void maintain() {
        registry.expire();
        pushers.keySet().stream().filter(peer -> !registry.isSubscribed(peer)).toList().forEach(this::closePusher);
        rateLimiter.forgetIdlePeers();
    }

    private void maintainSafely() {
        try {
            maintain();
        } catch (RuntimeException e) {
            LOG.warn("Filter subscription maintenance failed", e);
        }
    }

    private void closePusher(PeerId peer) {
        SubscriberPusher pusher = pushers.remove(peer);
        if (pusher != null) {
            pusher.close();
        }
    }

    /** Stops serving requests and pushing, and closes the push streams. */
    public synchronized CompletableFuture<Void> stop() {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        stopped = true;
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        if (host != null) {
            host.removeStreamHandler(FilterProtocol.SUBSCRIBE_ID);
        }
        CompletableFuture<?>[] closing = pushers.values().stream().map(SubscriberPusher::close)
                .toArray(CompletableFuture[]::new);
        pushers.clear();
        return CompletableFuture.allOf(closing);
    }

    /** Subscribers held, expired ones included until {@link #maintain()} drops them. */
    public int subscriberCount() {
        return registry.subscriberCount();
    }

    /** The live subscribers and the criteria each holds, e.g. for the admin REST API. */
    public Map<io.logos.delivery.api.kernel.node.PeerId, Set<Criterion>> subscriptions() {
        Map<io.logos.delivery.api.kernel.node.PeerId, Set<Criterion>> byPeer = new HashMap<>();
        registry.live().forEach((peer, criteria) -> byPeer.put(PeerIds.toApi(peer), criteria));
        return byPeer;
    }

    /** Criteria held over all subscribers. */
    public int criteriaCount() {
        return registry.criteriaCount();
    }

    public int criteriaCount(PeerId subscriber) {
        return registry.criteriaCount(subscriber);
    }

    /** Pushes dropped because a subscriber's queue was full. */
    public long droppedPushCount() {
        return droppedPushes.get();
    }
}
