package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.service.ServiceCall;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One light push request from the client side, as a {@link ServiceCall} whose outcome becomes a status. A
 * peer that answered with a fault of its own is reported to {@link ServicePeers} (the call reports those that
 * could not be used).
 */
final class ServiceExchange {

    /** Answers are a few dozen bytes; this leaves room for long status descriptions. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** Answers after which the spec advises to use another service peer (p2p-reliability). */
    private static final Set<Integer> PEER_FAULTS = Set.of(LightpushResult.UNSUPPORTED_PUBSUB_TOPIC,
            LightpushResult.INTERNAL_SERVER_ERROR, LightpushResult.SERVICE_NOT_AVAILABLE,
            LightpushResult.NO_PEERS_TO_RELAY);

    /** The verdict and the peer that gave it; no peer when none could be reached. */
    record Outcome(PushStatus status, Optional<PeerId> service) {
    }

    private final ServiceCall call;
    private final ServicePeers servicePeers;

    ServiceExchange(Host host, ServicePeers servicePeers, Duration timeout) {
        this.call = new ServiceCall(host, servicePeers, timeout, MAX_RESPONSE_BYTES);
        this.servicePeers = servicePeers;
    }

    /**
     * Sends {@code request} with {@code protocol} to {@code named}, or to a service peer for {@code shard};
     * {@code verdict} reads the answer. Never fails.
     */
    CompletableFuture<Outcome> run(String protocol, PubsubTopic shard,
                                   Optional<io.logos.delivery.api.kernel.node.PeerId> named, byte[] request,
                                   Function<byte[], PushStatus> verdict) {
        return call.run(protocol, Optional.of(shard), named, request).thenApply(result -> switch (result) {
            case ServiceCall.Answered answered -> judged(answered, protocol, verdict);
            case ServiceCall.Unreachable unreachable -> new Outcome(
                    PushStatus.refused(LightpushResult.NO_PEERS_TO_RELAY, unreachable.reason()), Optional.empty());
            case ServiceCall.Failed failed -> new Outcome(statusOf(failed), Optional.of(failed.peer()));
        });
    }

    private Outcome judged(ServiceCall.Answered answered, String protocol, Function<byte[], PushStatus> verdict) {
        PushStatus status = verdict.apply(answered.frame());
        if (PEER_FAULTS.contains(status.code())) {
            servicePeers.reportFailure(answered.peer(), protocol);
        }
        return new Outcome(status, Optional.of(answered.peer()));
    }

    private PushStatus statusOf(ServiceCall.Failed failed) {
        Throwable cause = failed.cause();
        if (cause instanceof TimeoutException) {
            return PushStatus.refused(LightpushResult.SERVICE_NOT_AVAILABLE,
                    "no answer from " + failed.peer() + " within " + call.timeout().toMillis() + " ms");
        }
        if (cause instanceof EOFException) {
            return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR, cause.getMessage());
        }
        return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR,
                "Failed to read response from peer " + failed.peer() + ": " + cause);
    }
}
