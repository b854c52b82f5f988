package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.app.rest.json.RestStoreResponse;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.kernel.store.StoreProtocol;
import io.logos.delivery.kernel.store.StoreServer;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code GET /store/v3/messages}: one page of a store query, with nwaku's parameters
 * ({@link StoreQueryParameters}) and JSON. With {@code peerAddr}, the node connects to that store peer and
 * asks it. Without, it answers from its own archive when it has one ({@code --store}), as nwaku does, else
 * asks the store peers its peer manager knows ({@code --storenode} first), and answers 412 when it knows none.
 *
 * <p>The body is the store JSON whatever the outcome; the HTTP status is the store status where HTTP has
 * the same meaning (200, 400, 429, 503) and 500 for the other failures (300: an archive error or a broken
 * answer; 504: no store peer reachable), as nwaku answers a failed query. A query still unanswered after 5 s
 * is a 500 in plain text, as in nwaku.
 */
final class StoreEndpoints implements RestEndpoints {

    private final Optional<StoreServer> ownArchive;
    private final StoreClient client;
    private final Peers peers;
    private final ServicePeers servicePeers;

    /**
     * @param ownArchive   the node's store service, when it has an archive
     * @param peers        connects to {@code peerAddr}
     * @param servicePeers tells whether any store peer is known
     */
    StoreEndpoints(Optional<StoreServer> ownArchive, StoreClient client, Peers peers, ServicePeers servicePeers) {
        this.ownArchive = ownArchive;
        this.client = client;
        this.peers = peers;
        this.servicePeers = servicePeers;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/store/v3/messages", this::messages));
    }

    private RestResponse messages(RestRequest request) {
        StoreQuery query = StoreQueryParameters.parse(request);
        Optional<String> peerAddr = StoreQueryParameters.value(request, "peerAddr");
        CompletableFuture<StoreResponse> answer = peerAddr.isPresent()
                ? queryPeer(peerAddr.get(), query)
                : ownArchive.map(archive -> archive.answerLocally(query)).orElseGet(() -> queryStorePeers(query));
        StoreResponse response;
        try {
            response = Await.result(answer);
        } catch (TimeoutException e) {
            throw new RestException(500, "No history response received (timeout)");
        } catch (CompletionException e) {
            if (e.getCause() instanceof RestException refusal) {
                throw refusal;
            }
            throw e;
        }
        return RestResponse.json(httpStatus(response), RestStoreResponse.of(response));
    }

    private CompletableFuture<StoreResponse> queryPeer(String address, StoreQuery query) {
        return peers.connect(address).handle((peer, failure) -> {
            if (failure == null) {
                return client.query(query, Optional.of(peer));
            }
            Throwable cause = cause(failure);
            // the peer manager refuses an address without /p2p/<id>, one it cannot parse, and this node's own
            if (cause instanceof IllegalArgumentException) {
                throw RestException.badRequest("Invalid peerAddr: " + cause.getMessage());
            }
            return CompletableFuture.completedFuture(StoreResponse.failure(StoreResponse.PEER_DIAL_FAILURE,
                    "PEER_DIAL_FAILURE: cannot connect to " + address + ": " + cause.getMessage(), Optional.empty()));
        }).thenCompose(Function.identity());
    }

    /**
     * Asks the store peers the peer manager picks. Picking one first tells whether there is any (412 when not,
     * as nwaku answers) and connects the one {@link StoreClient#queryToAny} will then ask first.
     */
    private CompletableFuture<StoreResponse> queryStorePeers(StoreQuery query) {
        return servicePeers.connectedPeerFor(StoreProtocol.ID, query.pubsubTopic()).handle((peer, failure) -> {
            if (failure != null && cause(failure) instanceof NoSuchElementException) {
                throw new RestException(412, "No suitable service peer & no discovery method");
            }
            return client.queryToAny(query, StoreClient.DEFAULT_ATTEMPTS);
        }).thenCompose(Function.identity());
    }

    private static int httpStatus(StoreResponse response) {
        return switch (response.statusCode()) {
            case StoreResponse.SUCCESS, StoreResponse.BAD_REQUEST, StoreResponse.TOO_MANY_REQUESTS,
                 StoreResponse.SERVICE_UNAVAILABLE -> response.statusCode();
            default -> 500;
        };
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
