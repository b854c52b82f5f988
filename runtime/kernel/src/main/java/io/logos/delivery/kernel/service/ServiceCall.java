package io.logos.delivery.kernel.service;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request to a service peer from the client side: finds the peer (the named one, which must be connected,
 * or one {@link ServicePeers} picks), sends the request on a new stream, reads one answer within the timeout
 * and closes the stream. Never fails: the outcome is a {@link Result}. A peer that could not be used (not
 * connected, stream refused, no answer in time, a broken stream) is reported to {@link ServicePeers}; judging
 * the answer itself is the caller's job.
 */
public final class ServiceCall {

    /** How a call ended. */
    public sealed interface Result permits Answered, Unreachable, Failed {
    }

    /** {@code peer} answered with {@code frame}. */
    public record Answered(PeerId peer, byte[] frame) implements Result {
    }

    /** No service peer could be used: none known, not connected, or the stream could not be opened. */
    public record Unreachable(String reason) implements Result {
    }

    /**
     * {@code peer} took the request but gave no answer: {@link java.util.concurrent.TimeoutException} when none
     * came in time, {@link EOFException} when it closed the stream without one, else the stream's failure.
     */
    public record Failed(PeerId peer, Throwable cause) implements Result {
    }

    private final Host host;
    private final ServicePeers servicePeers;
    private final Duration timeout;
    private final int maxAnswerBytes;

    /**
     * @param timeout        bound on one call, from choosing the peer to reading the answer
     * @param maxAnswerBytes the largest answer frame read
     */
    public ServiceCall(Host host, ServicePeers servicePeers, Duration timeout, int maxAnswerBytes) {
        this.host = Objects.requireNonNull(host, "host");
        this.servicePeers = Objects.requireNonNull(servicePeers, "servicePeers");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code request} with {@code protocol} to {@code named}, or to a service peer for {@code shard} (any
     * shard when empty).
     */
    public CompletableFuture<Result> run(String protocol, Optional<PubsubTopic> shard,
                                         Optional<io.logos.delivery.api.kernel.node.PeerId> named, byte[] request) {
        CompletableFuture<PeerId> peer;
        try {
            peer = named.isPresent() ? connected(PeerIds.fromApi(named.get()), protocol) : chosen(protocol, shard);
        } catch (IllegalArgumentException invalidId) {
            return unreachable("invalid service peer id: " + invalidId.getMessage());
        }
        return peer.handle((service, failure) -> failure == null
                        ? send(service, protocol, request)
                        : unreachable(Failures.unwrap(failure).getMessage()))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<PeerId> connected(PeerId peer, String protocol) {
        if (host.connections(peer).stream().anyMatch(Connection::isOpen)) {
            return CompletableFuture.completedFuture(peer);
        }
        servicePeers.reportFailure(peer, protocol);
        return CompletableFuture.failedFuture(new NotReachable("dial_failure: service peer " + peer
                + " is not connected"));
    }

    private CompletableFuture<PeerId> chosen(String protocol, Optional<PubsubTopic> shard) {
        return servicePeers.connectedPeerFor(protocol, shard)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new NotReachable(
                        "no suitable service peer for " + protocol + ": " + Failures.unwrap(failure))));
    }

    private CompletableFuture<Result> send(PeerId peer, String protocol, byte[] request) {
        CompletableFuture<FramedStream> opening = host.newFramedStream(peer, List.of(protocol), maxAnswerBytes)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new NotReachable(
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
            Result result = failure == null ? answered(peer, frame) : failed(peer, Failures.unwrap(failure));
            if (!(result instanceof Answered)) {
                servicePeers.reportFailure(peer, protocol);
            }
            return result;
        });
    }

    private static Result answered(PeerId peer, Optional<byte[]> frame) {
        return frame.<Result>map(bytes -> new Answered(peer, bytes)).orElseGet(() -> new Failed(peer,
                new EOFException("the service closed the stream without answering")));
    }

    private static Result failed(PeerId peer, Throwable cause) {
        return cause instanceof NotReachable ? new Unreachable(cause.getMessage()) : new Failed(peer, cause);
    }

    private static CompletableFuture<Result> unreachable(String reason) {
        return CompletableFuture.completedFuture(new Unreachable(reason));
    }

    /** No stream to a service peer: none chosen, not connected, or the stream could not be opened. */
    private static final class NotReachable extends Exception {
        NotReachable(String message) {
            super(message, null, false, false);
        }
    }
}
