package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.service.InFlightRequests;
import io.logos.delivery.kernel.service.RequestStreamHandler;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The store service ({@value StoreProtocol#ID}): answers queries from the archive, one page per stream.
 *
 * <p>Each request is one stream: read (within the read timeout, at most {@link StoreProtocol#MAX_REQUEST_BYTES}),
 * checked, looked up in the archive off the network threads, answered, and the stream closed. Answers follow
 * RFC 13 and nwaku: messages from old to new in both directions, the next page's cursor when more match, 200
 * "OK"; 400 for a request that does not decode or breaks a limit; 300 when the archive fails (a cursor it does
 * not hold included); 429 for a rate-limited request (not read); 503 when stopping or when too many queries
 * wait for the archive. The node's own queries ({@link #answerLocally}) get the same answers without a stream.
 */
public final class StoreServer {

    /** The request id of the node's own queries, which no peer sees: nwaku's REST layer leaves it empty too. */
    private static final String LOCAL_REQUEST_ID = "";

    private final InFlightRequests inFlight = new InFlightRequests();
    private final ArchiveReads reads;
    private final StoreService service;
    private final RequestStreamHandler handler;

    /**
     * @param archive     the messages served; the caller keeps ownership
     * @param rateLimiter queries per peer (and overall); refused ones get 429
     * @param scheduler   runs the read timeouts
     * @param metrics     counts the queries, their errors and durations, and the rate-limit rejections
     */
    public StoreServer(ArchiveDriver archive, RequestRateLimiter<PeerId> rateLimiter,
                       ScheduledExecutorService scheduler, StoreServerConfig config, KernelMetrics metrics) {
        Objects.requireNonNull(archive, "archive");
        this.reads = new ArchiveReads(config.concurrentQueries(), config.queuedQueries());
        this.service = new StoreService(archive, reads, metrics);
        this.handler = new RequestStreamHandler(service, inFlight, rateLimiter, scheduler, config.readTimeout(),
                metrics);
    }

    /** Serves the store protocol on {@code host}; identify announces it from then on. */
    public void mount(Host host) {
        host.setFramedHandler(StoreProtocol.ID, StoreProtocol.MAX_REQUEST_BYTES, handler);
    }

    /**
     * Answers a query of the node itself (such as its REST API's) from the archive, exactly as a peer's query
     * is answered: the same checks and limits (400), page size and order, cursor, archive
     * failures (300) and 503s, but no rate limit. The response names no peer. Never fails.
     */
    public CompletableFuture<StoreResponse> answerLocally(StoreQuery query) {
        if (!inFlight.enter()) {
            return CompletableFuture.completedFuture(
                    new StoreOutcome.Status(LOCAL_REQUEST_ID, StoreStatus.stopping()).toResponse());
        }
        // through the wire form, so that the service's decoder checks it as it checks a peer's
        StoreRequestDecoder.Decoded request =
                StoreRequestDecoder.decode(StoreRequests.request(LOCAL_REQUEST_ID, query));
        return service.answer(request).thenApply(StoreOutcome::toResponse)
                .whenComplete((answered, failure) -> inFlight.leave());
    }

    /**
     * Refuses new queries with 503 from now on; completes once every query already being served has been
     * answered. The protocol stays mounted so that clients get that answer.
     */
    public CompletableFuture<Void> stop() {
        return inFlight.stop().whenComplete((drained, failure) -> reads.close());
    }
}
