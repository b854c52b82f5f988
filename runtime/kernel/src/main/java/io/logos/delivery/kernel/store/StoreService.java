package io.logos.delivery.kernel.store;

import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.service.Failures;
import io.logos.delivery.kernel.service.RequestService;
import io.logos.delivery.libp2p.framed.FrameTooLargeException;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers store queries from the archive: one page per request. */
final class StoreService implements RequestService {

    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private final ArchiveDriver archive;
    private final ArchiveReads reads;
    private final KernelMetrics metrics;

    StoreService(ArchiveDriver archive, ArchiveReads reads, KernelMetrics metrics) {
        this.archive = archive;
        this.reads = reads;
        this.metrics = metrics;
    }

    @Override
    public String protocol() {
        return StoreProtocol.ID;
    }

    @Override
    public CompletableFuture<byte[]> answer(byte[] request) {
        return answer(StoreRequestDecoder.decode(request)).thenApply(StoreResponses::encode);
    }

    /**
     * What {@code request} comes to; never fails (an archive failure is a status). Counts the query, and the
     * answer when it is an error.
     */
    CompletableFuture<StoreOutcome> answer(StoreRequestDecoder.Decoded request) {
        CompletableFuture<StoreOutcome> outcome = switch (request) {
            case StoreRequestDecoder.Refused refused -> CompletableFuture.completedFuture(
                    new StoreOutcome.Status(refused.requestId(), refused.status()));
            case PageRequest page -> {
                metrics.storeQuery();
                yield find(page);
            }
        };
        return outcome.thenApply(this::reported);
    }

    /** Counts an error answer, and logs the answer: its status, or its messages' hashes at TRACE. */
    private StoreOutcome reported(StoreOutcome outcome) {
        switch (outcome) {
            case StoreOutcome.Status(String requestId, StoreStatus status) -> {
                metrics.storeError(status.code());
                LOG.debug("Store query {} answered {} {}", requestId, status.code(), status.description());
            }
            case StoreOutcome.Page(String requestId, ArchivePage page, boolean _) -> {
                LOG.debug("Store query {} answered with {} messages{}", requestId, page.messages().size(),
                        page.cursor().map(cursor -> ", next page at " + cursor).orElse(""));
                if (LOG.isTraceEnabled()) {
                    page.messages().forEach(message -> LOG.trace("Store query {} answers {} on {}", requestId,
                            message.hash(), message.pubsubTopic()));
                }
            }
        }
        return outcome;
    }

    /** Reads the page off the network thread; a peer's answer is then encoded there too (pages can be megabytes). */
    private CompletableFuture<StoreOutcome> find(PageRequest request) {
        CompletableFuture<List<ArchivedMessage>> rows;
        try {
            rows = reads.submit(() -> timedFind(request));
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(new StoreOutcome.Status(request.requestId(),
                    StoreStatus.unavailable("too many store queries in progress")));
        }
        return rows.handle((found, failure) -> failure == null
                ? new StoreOutcome.Page(request.requestId(),
                        ArchivePage.of(found, request.pageSize(), request.query().direction()), request.includeData())
                : new StoreOutcome.Status(request.requestId(), archiveFailure(Failures.unwrap(failure))));
    }

    private List<ArchivedMessage> timedFind(PageRequest request) {
        long started = System.nanoTime();
        try {
            return archive.find(request.query());
        } finally {
            metrics.archiveQueried(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static StoreStatus archiveFailure(Throwable failure) {
        if (failure instanceof ArchiveException archiveError) {
            return StoreStatus.archiveError(archiveError.getMessage());
        }
        LOG.warn("The archive driver failed a store query", failure);
        return StoreStatus.archiveError("unexpected driver failure: " + failure);
    }

    @Override
    public byte[] serviceUnavailable() {
        return StoreResponses.status(StoreRequestDecoder.UNKNOWN_REQUEST_ID, StoreStatus.stopping());
    }

    @Override
    public byte[] tooManyRequests() {
        return StoreResponses.status(StoreRequestDecoder.UNKNOWN_REQUEST_ID, StoreStatus.tooManyRequests());
    }

    @Override
    public byte[] requestTooLarge(FrameTooLargeException tooLarge) {
        return StoreResponses.status(StoreRequestDecoder.UNKNOWN_REQUEST_ID, StoreStatus.invalidQuery("request of "
                + tooLarge.announced() + " bytes is larger than the limit of " + tooLarge.limit() + " bytes"));
    }

    @Override
    public byte[] internalError(Throwable failure) {
        LOG.warn("A store query failed unexpectedly", failure);
        return StoreResponses.status(StoreRequestDecoder.UNKNOWN_REQUEST_ID,
                StoreStatus.unavailable("internal error: " + failure));
    }
}
