package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.FilterClient;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.api.kernel.node.FilterSubscription;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest.FilterSubscribeType;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionListener;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filter v2 light client: subscribes at service peers, receives their pushes on
 * {@value FilterProtocol#PUSH_ID}, and keeps the subscriptions alive. Every ping interval each service is
 * pinged; when it has forgotten us (404), or when our connection to it closed and comes back, every live
 * criterion there is subscribed again. A service that cannot be reached is reported to the
 * {@link ServicePeers}.
 *
 * <p>Lifecycle: {@link #mount()} once, then {@link #stop()}. Thread-safe.
 */
public final class DefaultFilterClient implements FilterClient {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultFilterClient.class);

    private final Host host;
    private final ServicePeers servicePeers;
    private final ScheduledExecutorService scheduler;
    private final FilterClientConfig config;
    private final FilterRpc rpc;
    private final ClientSubscriptions subscriptions = new ClientSubscriptions();
    private final PushReceiver pushes;
    /** Services whose last connection closed while we held subscriptions there. */
    private final Set<PeerId> disconnected = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private ScheduledFuture<?> keepAliveTask;

    public DefaultFilterClient(Host host, ServicePeers servicePeers, Clock clock, ScheduledExecutorService scheduler,
                               FilterClientConfig config) {
        this.host = Objects.requireNonNull(host, "host");
        this.servicePeers = Objects.requireNonNull(servicePeers, "servicePeers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.rpc = new FilterRpc(host);
        this.pushes = new PushReceiver(subscriptions,
                new SeenHashes(config.dedupTtl(), config.dedupCapacity(), Objects.requireNonNull(clock, "clock")),
                config.messageSizeLimit());
    }

    /** Serves {@value FilterProtocol#PUSH_ID}, watches service connections and schedules the pings. */
    public synchronized void mount() {
        if (keepAliveTask != null || stopped) {
            throw new IllegalStateException("the filter client is already mounted or stopped");
        }
        host.setFramedHandler(FilterProtocol.PUSH_ID, FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES, pushes::accept);
        host.addConnectionListener(new ServiceConnections());
        long interval = config.pingInterval().toMillis();
        keepAliveTask = scheduler.scheduleWithFixedDelay(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<FilterSubscription> subscribe(PubsubTopic pubsubTopic, Set<ContentTopic> contentTopics,
                                                           MessageListener listener,
                                                           Optional<io.logos.delivery.api.kernel.node.PeerId> service) {
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(listener, "listener");
        if (contentTopics.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("subscribe to at least one content topic"));
        }
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("the filter client is stopped"));
        }
        return servicePeer(pubsubTopic, service).thenCompose(peer -> {
            ClientSubscription subscription = new ClientSubscription(peer, pubsubTopic, contentTopics, listener,
                    this::unsubscribe);
            // registered first: the service may push before its answer reaches us
            subscriptions.add(subscription);
            Set<ContentTopic> accepted = ConcurrentHashMap.newKeySet();
            return sendChunked(peer, FilterSubscribeType.SUBSCRIBE, pubsubTopic, contentTopics,
                    config.subscribeTimeout(), accepted::addAll)
                    .handle((done, failure) -> {
                        if (failure == null) {
                            return (FilterSubscription) subscription;
                        }
                        abandon(subscription, accepted, failure);
                        throw new CompletionException(unwrap(failure));
                    });
        });
    }

    private CompletableFuture<PeerId> servicePeer(PubsubTopic pubsubTopic,
                                                  Optional<io.logos.delivery.api.kernel.node.PeerId> service) {
        if (service.isPresent()) {
            try {
                return CompletableFuture.completedFuture(PeerIds.fromApi(service.get()));
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return servicePeers.connectedPeerFor(FilterProtocol.SUBSCRIBE_ID, Optional.of(pubsubTopic))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new FilterException(
                        FilterProtocol.PEER_DIAL_FAILURE, "no filter service peer for " + pubsubTopic + ": "
                        + unwrap(failure).getMessage())));
    }

    /** Undoes a subscription the service refused, unsubscribing the chunks it took before refusing. */
    private void abandon(ClientSubscription subscription, Set<ContentTopic> accepted, Throwable failure) {
        subscription.deactivate();
        Set<ContentTopic> unneeded = new HashSet<>(subscriptions.remove(subscription));
        unneeded.retainAll(accepted);
        PeerId service = subscription.servicePeer();
        if (isUnreachable(failure)) {
            servicePeers.reportFailure(service, FilterProtocol.SUBSCRIBE_ID);
        } else if (!unneeded.isEmpty()) {
            sendChunked(service, FilterSubscribeType.UNSUBSCRIBE, subscription.pubsubTopic(), unneeded,
                    config.subscribeTimeout(), chunk -> { });
        }
    }

    private CompletableFuture<Void> unsubscribe(ClientSubscription subscription) {
        if (!subscription.deactivate()) {
            return CompletableFuture.completedFuture(null);
        }
        Set<ContentTopic> unneeded = subscriptions.remove(subscription);
        if (unneeded.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return sendChunked(subscription.servicePeer(), FilterSubscribeType.UNSUBSCRIBE, subscription.pubsubTopic(),
                unneeded, config.subscribeTimeout(), chunk -> { });
    }

    @Override
    public CompletableFuture<Void> unsubscribeAll(io.logos.delivery.api.kernel.node.PeerId service) {
        PeerId peer;
        try {
            peer = PeerIds.fromApi(service);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        subscriptions.removeService(peer).forEach(ClientSubscription::deactivate);
        disconnected.remove(peer);
        return rpc.send(peer, FilterWire.request(FilterRpc.newRequestId(), FilterSubscribeType.UNSUBSCRIBE_ALL),
                config.subscribeTimeout());
    }

    @Override
    public CompletableFuture<Void> ping(io.logos.delivery.api.kernel.node.PeerId service) {
        try {
            return ping(PeerIds.fromApi(service));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> ping(PeerId service) {
        return rpc.send(service, FilterWire.request(FilterRpc.newRequestId(), FilterSubscribeType.SUBSCRIBER_PING),
                config.pingTimeout());
    }

    /**
     * One keep-alive round, as the ping interval runs it: pings every service we hold subscriptions at,
     * subscribes again where the service answers 404, reports the ones that cannot be reached. Completes
     * when the round is over; never fails.
     */
    public CompletableFuture<Void> keepAlive() {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(subscriptions.services().stream().map(this::keepAlive)
                .toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> keepAlive(PeerId service) {
        return ping(service).handle((pong, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (statusOf(failure) == FilterProtocol.NOT_FOUND) {
                LOG.info("Filter service {} forgot our subscriptions; subscribing again", service);
                return resubscribe(service);
            }
            if (isUnreachable(failure)) {
                servicePeers.reportFailure(service, FilterProtocol.SUBSCRIBE_ID);
            }
            LOG.debug("Filter ping to {} failed: {}", service, unwrap(failure).getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Subscribes again every live criterion at {@code service}; completes when done, never fails. */
    private CompletableFuture<Void> resubscribe(PeerId service) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Map.Entry<PubsubTopic, Set<ContentTopic>> criteria : subscriptions.criteriaAt(service).entrySet()) {
            sent.add(sendChunked(service, FilterSubscribeType.SUBSCRIBE, criteria.getKey(), criteria.getValue(),
                    config.subscribeTimeout(), chunk -> { }).exceptionally(failure -> {
                        LOG.warn("Subscribing again at filter service {} failed: {}", service,
                                unwrap(failure).getMessage());
                        if (isUnreachable(failure)) {
                            servicePeers.reportFailure(service, FilterProtocol.SUBSCRIBE_ID);
                        }
                        return null;
                    }));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /**
     * Sends the topics in requests of at most {@value FilterProtocol#MAX_CONTENT_TOPICS_PER_REQUEST}, one
     * after another, telling {@code accepted} each chunk the service took; stops at the first refusal.
     */
    private CompletableFuture<Void> sendChunked(PeerId service, FilterSubscribeType type, PubsubTopic pubsubTopic,
                                                Set<ContentTopic> contentTopics, Duration timeout,
                                                Consumer<List<ContentTopic>> accepted) {
        List<ContentTopic> topics = contentTopics.stream().sorted(Comparator.comparing(ContentTopic::value)).toList();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < topics.size(); from += FilterProtocol.MAX_CONTENT_TOPICS_PER_REQUEST) {
            List<ContentTopic> chunk = topics.subList(from,
                    Math.min(topics.size(), from + FilterProtocol.MAX_CONTENT_TOPICS_PER_REQUEST));
            List<String> values = chunk.stream().map(ContentTopic::value).toList();
            chain = chain.thenCompose(previous -> rpc.send(service,
                    FilterWire.request(FilterRpc.newRequestId(), type, pubsubTopic, values), timeout))
                    .thenRun(() -> accepted.accept(chunk));
        }
        return chain;
    }

    /** Stops pinging and delivering, and closes the push streams. The services' subscriptions expire. */
    public synchronized CompletableFuture<Void> stop() {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        stopped = true;
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
            host.removeStreamHandler(FilterProtocol.PUSH_ID);
        }
        subscriptions.clear().forEach(ClientSubscription::deactivate);
        disconnected.clear();
        return pushes.closeAll();
    }

    private static int statusOf(Throwable failure) {
        return unwrap(failure) instanceof FilterException refused ? refused.statusCode() : 0;
    }

    private static boolean isUnreachable(Throwable failure) {
        return statusOf(failure) == FilterProtocol.PEER_DIAL_FAILURE;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Subscribes again at a service once a connection to it is back after all had closed. */
    private final class ServiceConnections implements ConnectionListener {

        @Override
        public void disconnected(Connection connection) {
            PeerId peer = connection.remotePeer();
            if (!stopped && subscriptions.hasService(peer)
                    && host.connections(peer).stream().noneMatch(Connection::isOpen)) {
                disconnected.add(peer);
            }
        }

        @Override
        public void connected(Connection connection) {
            PeerId peer = connection.remotePeer();
            if (!stopped && disconnected.remove(peer)) {
                LOG.info("Connection to filter service {} is back; subscribing again", peer);
                scheduler.execute(() -> resubscribe(peer));
            }
        }
    }
}
