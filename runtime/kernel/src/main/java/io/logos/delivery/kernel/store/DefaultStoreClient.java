package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.service.Failures;
import io.logos.delivery.kernel.service.RequestIds;
import io.logos.delivery.kernel.service.ServiceCall;
import io.logos.delivery.libp2p.host.Host;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Store v3 client, following nwaku's: each query carries a fresh request id; a cursor of all zeroes is refused
 * here (400); a peer that cannot be reached is 504; no answer in time, or a broken one, is 300. Peers that fail
 * (unreachable, silent, broken answers, 503) are reported to the {@link ServicePeers} so that others are
 * chosen.
 */
public final class DefaultStoreClient implements StoreClient {

    /** How long a query may take, from choosing the store peer to reading a page (up to 15 MiB). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Room for an entry around its message: hash, pubsub topic, field tags and lengths. */
    private static final int ENTRY_OVERHEAD_BYTES = 1024;

    private final ServiceCall call;
    private final ServicePeers servicePeers;
    private final StoreAnswers answers;

    /**
     * @param host           the node's libp2p host
     * @param servicePeers   picks (and dials) store peers, and hears of their failures
     * @param maxMessageSize the largest message accepted in a page; sizes the largest page read
     * @param requestTimeout bound on one query, from choosing the peer to reading the page
     */
    public DefaultStoreClient(Host host, ServicePeers servicePeers, MessageSizeLimit maxMessageSize,
                              Duration requestTimeout) {
        this.servicePeers = Objects.requireNonNull(servicePeers, "servicePeers");
        long maxPage = (long) StoreProtocol.MAX_PAGE_SIZE * (maxMessageSize.bytes() + ENTRY_OVERHEAD_BYTES)
                + StoreProtocol.MAX_REQUEST_BYTES;
        this.call = new ServiceCall(host, servicePeers, requestTimeout, (int) Math.min(Integer.MAX_VALUE, maxPage));
        this.answers = new StoreAnswers(maxMessageSize);
    }

    @Override
    public CompletableFuture<StoreResponse> query(StoreQuery query, Optional<PeerId> peer) {
        return ask(query, peer).thenApply(Outcome::response);
    }

    /** A response, and whether its peer has been reported as failing. */
    private record Outcome(StoreResponse response, boolean peerReported) {
    }

    private CompletableFuture<Outcome> ask(StoreQuery query, Optional<PeerId> peer) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(peer, "peer");
        if (query.cursor().filter(DefaultStoreClient::allZeroes).isPresent()) {
            return CompletableFuture.completedFuture(new Outcome(StoreResponse.failure(StoreResponse.BAD_REQUEST,
                    "BAD_REQUEST: invalid cursor: all zeroes", Optional.empty()), false));
        }
        String requestId = RequestIds.next();
        // the call reports the peers it could not use; judged() those whose answers fail
        return call.run(StoreProtocol.ID, query.pubsubTopic(), peer, StoreRequests.encode(requestId, query))
                .thenApply(result -> switch (result) {
                    case ServiceCall.Answered answered -> judged(answered, requestId);
                    case ServiceCall.Unreachable unreachable -> new Outcome(StoreResponse.failure(
                            StoreResponse.PEER_DIAL_FAILURE, "PEER_DIAL_FAILURE: " + unreachable.reason(),
                            Optional.empty()), true);
                    case ServiceCall.Failed failed -> new Outcome(StoreResponse.failure(StoreResponse.BAD_RESPONSE,
                            "BAD_RESPONSE: " + describe(failed), Optional.of(PeerIds.toApi(failed.peer()))), true);
                });
    }

    /** The answer read; a broken answer is a 300, and it and a 503 count as the peer's failure. */
    private Outcome judged(ServiceCall.Answered answered, String requestId) {
        PeerId peer = PeerIds.toApi(answered.peer());
        StoreResponse response;
        try {
            response = answers.read(answered.frame(), requestId, peer);
        } catch (StoreAnswers.BadResponse broken) {
            response = StoreResponse.failure(StoreResponse.BAD_RESPONSE, "BAD_RESPONSE: " + broken.getMessage(),
                    Optional.of(peer));
            servicePeers.reportFailure(answered.peer(), StoreProtocol.ID);
            return new Outcome(response, true);
        }
        boolean unavailable = response.statusCode() == StoreResponse.SERVICE_UNAVAILABLE;
        if (unavailable) {
            servicePeers.reportFailure(answered.peer(), StoreProtocol.ID);
        }
        return new Outcome(response, unavailable);
    }

    private String describe(ServiceCall.Failed failed) {
        return failed.cause() instanceof TimeoutException
                ? "no answer from " + failed.peer() + " within " + call.timeout().toMillis() + " ms"
                : "failed to read the answer of " + failed.peer() + ": " + failed.cause().getMessage();
    }

    @Override
    public CompletableFuture<StoreResponse> queryToAny(StoreQuery query, int attempts) {
        Objects.requireNonNull(query, "query");
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + attempts);
        }
        return attempt(query, attempts, new HashSet<>(), Optional.empty());
    }

    private CompletableFuture<StoreResponse> attempt(StoreQuery query, int attemptsLeft, Set<PeerId> tried,
                                                     Optional<StoreResponse> last) {
        return servicePeers.connectedPeerFor(StoreProtocol.ID, query.pubsubTopic())
                .orTimeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((peer, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.completedFuture(last.orElseGet(() -> StoreResponse.failure(
                                StoreResponse.PEER_DIAL_FAILURE, "PEER_DIAL_FAILURE: no store peer reachable: "
                                        + Failures.unwrap(failure).getMessage(), Optional.empty())));
                    }
                    PeerId chosen = PeerIds.toApi(peer);
                    if (!tried.add(chosen)) {
                        // the peer manager has nobody better left
                        return CompletableFuture.completedFuture(last.orElseThrow());
                    }
                    return ask(query, Optional.of(chosen)).thenCompose(outcome -> {
                        StoreResponse response = outcome.response();
                        if (!worthRetrying(response) || attemptsLeft == 1) {
                            return CompletableFuture.completedFuture(response);
                        }
                        if (!outcome.peerReported()) {
                            // demote it (429, archive errors), so that the peer manager offers another one
                            servicePeers.reportFailure(peer, StoreProtocol.ID);
                        }
                        return attempt(query, attemptsLeft - 1, tried, Optional.of(response));
                    });
                })
                .thenCompose(next -> next);
    }

    /** Whether another peer might do better: not after success, nor for a request every peer would refuse. */
    private static boolean worthRetrying(StoreResponse response) {
        return !response.succeeded() && response.statusCode() != StoreResponse.BAD_REQUEST;
    }

    private static boolean allZeroes(MessageHash hash) {
        return Arrays.equals(hash.bytes(), new byte[MessageHash.SIZE]);
    }
}
