package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.service.Failures;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One light push request from the client side: finds the service peer, sends the request on a new stream,
 * reads the answer within the timeout and closes the stream. Every failure becomes a status; a peer that
 * failed (unreachable, silent, or answering with a fault of its own) is reported to {@link ServicePeers}.
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

    private final Host host;
    private final ServicePeers servicePeers;
    private final Duration timeout;

    ServiceExchange(Host host, ServicePeers servicePeers, Duration timeout) {
        this.host = host;
        this.servicePeers = servicePeers;
        this.timeout = timeout;
    }

    /**
     * Sends {@code request} with {@code protocol} to {@code named}, or to a service peer for {@code shard};
     * {@code verdict} reads the answer. Never fails.
     */
    CompletableFuture<Outcome> run(String protocol, PubsubTopic shard,
                                   Optional<io.logos.delivery.api.kernel.node.PeerId> named, byte[] request,
                                   Function<byte[], PushStatus> verdict) {
        CompletableFuture<PeerId> peer;
        try {
            peer = named.isPresent() ? connected(PeerIds.fromApi(named.get()), protocol) : chosen(protocol, shard);
        } catch (IllegalArgumentException invalidId) {
            return unreachable("invalid service peer id: " + invalidId.getMessage());
        }
        return peer.handle((service, failure) -> failure == null
                        ? send(service, protocol, request, verdict)
                        : unreachable(Failures.unwrap(failure).getMessage()))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<PeerId> connected(PeerId peer, String protocol) {
        if (host.connections(peer).stream().anyMatch(Connection::isOpen)) {
            return CompletableFuture.completedFuture(peer);
        }
        servicePeers.reportFailure(peer, protocol);
        return CompletableFuture.failedFuture(
                new IOException("dial_failure: service peer " + peer + " is not connected"));
    }

    private CompletableFuture<PeerId> chosen(String protocol, PubsubTopic shard) {
        return servicePeers.connectedPeerFor(protocol, Optional.of(shard))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new IOException(
                        "no suitable service peer for " + protocol + ": " + Failures.unwrap(failure), failure)));
    }

    private CompletableFuture<Outcome> send(PeerId peer, String protocol, byte[] request,
                                            Function<byte[], PushStatus> verdict) {
        CompletableFuture<FramedStream> opening = host.newFramedStream(peer, List.of(protocol), MAX_RESPONSE_BYTES)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new StreamNotOpened(
                        "dial_failure: cannot open a " + protocol + " stream to " + peer + ": "
                                + Failures.unwrap(failure).getMessage())));
        CompletableFuture<Optional<byte[]>> answer = opening
                .thenCompose(stream -> stream.write(request).thenCompose(ignored -> stream.read()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((frame, failure) -> opening.thenAccept(stream -> {
            if (failure == null) {
                stream.close();
            } else {
                stream.reset();
            }
        }));
        return answer.handle((frame, failure) -> {
            Throwable cause = failure == null ? null : Failures.unwrap(failure);
            PushStatus status = cause == null ? verdictOn(frame, verdict) : statusOf(cause, peer);
            if (PEER_FAULTS.contains(status.code())) {
                servicePeers.reportFailure(peer, protocol);
            }
            return new Outcome(status, cause instanceof StreamNotOpened ? Optional.empty() : Optional.of(peer));
        });
    }

    private static PushStatus verdictOn(Optional<byte[]> frame, Function<byte[], PushStatus> verdict) {
        return frame.map(verdict).orElseGet(() -> PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR,
                "the service closed the stream without answering"));
    }

    private PushStatus statusOf(Throwable failure, PeerId peer) {
        if (failure instanceof StreamNotOpened) {
            return PushStatus.refused(LightpushResult.NO_PEERS_TO_RELAY, failure.getMessage());
        }
        if (failure instanceof TimeoutException) {
            return PushStatus.refused(LightpushResult.SERVICE_NOT_AVAILABLE,
                    "no answer from " + peer + " within " + timeout.toMillis() + " ms");
        }
        return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR,
                "Failed to read response from peer " + peer + ": " + failure);
    }

    private static CompletableFuture<Outcome> unreachable(String description) {
        return CompletableFuture.completedFuture(new Outcome(
                PushStatus.refused(LightpushResult.NO_PEERS_TO_RELAY, description), Optional.empty()));
    }

    /** The stream to the service peer could not be opened (not connected, protocol refused, …). */
    private static final class StreamNotOpened extends IOException {
        StreamNotOpened(String message) {
            super(message);
        }
    }
}
