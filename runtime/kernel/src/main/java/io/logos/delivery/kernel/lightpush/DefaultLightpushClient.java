package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.InvalidTopicException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.service.Failures;
import io.logos.delivery.kernel.service.RequestIds;
import io.logos.delivery.libp2p.host.Host;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Light push client, v3 and legacy, following nwaku's client: a missing timestamp is set to now before the
 * message is hashed and sent; a missing pubsub topic is derived by autosharding here, so the request always
 * names it (under static sharding the push is refused with 420, as nwaku does); each request carries a fresh
 * request id and an answer for another id is a failure. Every problem is a {@link LightpushResult}: 505 when
 * no service peer could be reached, 503 when it did not answer within the timeout, 500 for a broken answer.
 */
public final class DefaultLightpushClient implements LightpushClient {

    /** How long a push may take, from choosing the service peer to reading its answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLightpushClient.class);
    private static final ClientDialect V3 = new LightpushV3ClientDialect();
    private static final ClientDialect LEGACY = new LegacyLightpushClientDialect();

    private final ServiceExchange exchange;
    private final Optional<AutoSharding> autoSharding;
    private final Clock clock;

    /**
     * @param host           the node's libp2p host
     * @param servicePeers   picks (and dials) service peers, and hears of their failures
     * @param autoSharding   derives the pubsub topic of a message pushed without one; empty under static sharding
     * @param requestTimeout bound on one push, from choosing the peer to reading the answer
     * @param clock          stamps messages that have no timestamp
     */
    public DefaultLightpushClient(Host host, ServicePeers servicePeers, Optional<AutoSharding> autoSharding,
                                  Duration requestTimeout, Clock clock) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(servicePeers, "servicePeers");
        this.exchange = new ServiceExchange(host, servicePeers, requestTimeout);
        this.autoSharding = Objects.requireNonNull(autoSharding, "autoSharding");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<LightpushResult> push(Optional<PubsubTopic> pubsubTopic, WakuMessage message,
                                                   Optional<PeerId> service) {
        WakuMessage stamped = withTimestamp(message);
        if (pubsubTopic.isPresent()) {
            return send(V3, pubsubTopic.get(), stamped, service);
        }
        if (autoSharding.isEmpty()) {
            return refusedHere(MessagePusher.STATIC_SHARDING_NEEDS_TOPIC, stamped);
        }
        PubsubTopic derived;
        try {
            derived = autoSharding.get().pubsubTopicOf(ContentTopic.parse(stamped.contentTopic()));
        } catch (InvalidTopicException e) {
            return refusedHere("Invalid content-topic: " + e.getMessage(), stamped);
        }
        return send(V3, derived, stamped, service);
    }

    @Override
    public CompletableFuture<LightpushResult> pushLegacy(PubsubTopic pubsubTopic, WakuMessage message,
                                                         Optional<PeerId> service) {
        return send(LEGACY, Objects.requireNonNull(pubsubTopic, "pubsubTopic"), withTimestamp(message), service);
    }

    private CompletableFuture<LightpushResult> send(ClientDialect dialect, PubsubTopic topic, WakuMessage message,
                                                    Optional<PeerId> service) {
        MessageHash hash = MessageHash.compute(topic, message);
        String requestId = RequestIds.next();
        CompletableFuture<ServiceExchange.Outcome> outcome;
        try {
            outcome = exchange.run(dialect.protocol(), topic, service, dialect.request(requestId, topic, message),
                    answer -> dialect.verdict(answer, requestId));
        } catch (RuntimeException unexpected) {
            outcome = CompletableFuture.failedFuture(unexpected);
        }
        // the API promises a result, never a failed future
        return outcome.thenApply(done -> result(done.status(), hash, done.service().map(PeerIds::toApi)))
                .exceptionally(unexpected -> result(PushStatus.internalError(Failures.unwrap(unexpected)), hash,
                        Optional.empty()))
                .whenComplete((result, _) -> LOG.debug("Light push of {} on {} ({}) via {}: {} {}", hash, topic,
                        dialect.protocol(), result.service().map(PeerId::toString).orElse("no service peer"),
                        result.statusCode(), result.description().orElse("")));
    }

    private static CompletableFuture<LightpushResult> refusedHere(String description, WakuMessage message) {
        PushStatus status = PushStatus.refused(LightpushResult.INVALID_MESSAGE, description);
        return CompletableFuture.completedFuture(result(status, UnroutedMessageHash.of(message), Optional.empty()));
    }

    private static LightpushResult result(PushStatus status, MessageHash hash, Optional<PeerId> service) {
        return new LightpushResult(status.code(), status.description(), status.relayPeerCount(), hash, service);
    }

    private WakuMessage withTimestamp(WakuMessage message) {
        if (message.timestamp() != 0) {
            return message;
        }
        Instant now = clock.instant();
        return message.toBuilder().timestamp(now.getEpochSecond() * 1_000_000_000L + now.getNano()).build();
    }
}
