package io.logos.delivery.kernel.service;

import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.libp2p.framed.FrameTooLargeException;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.framed.FramedStreamHandler;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request/response stream of a {@link RequestService}: admission (stopping, rate limit), one
 * request read with a deadline, one answer, then the stream is closed. A stream's failure never touches other
 * streams or the connection.
 */
public final class RequestStreamHandler implements FramedStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStreamHandler.class);

    private final RequestService service;
    private final InFlightRequests inFlight;
    private final RequestRateLimiter<PeerId> rateLimiter;
    private final ScheduledExecutorService scheduler;
    private final Duration readTimeout;
    private final KernelMetrics metrics;

    /**
     * @param inFlight    counts the requests being served; refuses new ones once stopping
     * @param rateLimiter requests per peer; a refused one is answered without being read
     * @param scheduler   runs the read deadline
     * @param readTimeout how long a peer may take to send its request after opening the stream
     * @param metrics     counts the requests served and those the rate limit rejected
     */
    public RequestStreamHandler(RequestService service, InFlightRequests inFlight,
                                RequestRateLimiter<PeerId> rateLimiter, ScheduledExecutorService scheduler,
                                Duration readTimeout, KernelMetrics metrics) {
        this.service = Objects.requireNonNull(service, "service");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive, got " + readTimeout);
        }
        this.readTimeout = readTimeout;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public String protocol() {
        return service.protocol();
    }

    @Override
    public void handle(FramedStream stream) {
        if (!inFlight.enter()) {
            respond(stream, service.serviceUnavailable());
            return;
        }
        // like nwaku, a rate-limited request is refused without reading it
        boolean admitted = rateLimiter.tryAcquire(stream.remotePeer());
        metrics.serviceRequest(service.protocol(), admitted);
        CompletableFuture<Optional<byte[]>> answer = admitted
                ? readAndAnswer(stream)
                : CompletableFuture.completedFuture(Optional.of(service.tooManyRequests()));
        answer.thenCompose(bytes -> bytes.isPresent() ? respond(stream, bytes.get()) : abandon(stream))
                .whenComplete((ignored, failure) -> inFlight.leave());
    }

    /** The answer to the request on {@code stream}, or empty when there is nobody to answer. */
    private CompletableFuture<Optional<byte[]>> readAndAnswer(FramedStream stream) {
        return TimedRead.read(stream, scheduler, readTimeout)
                .handle((frame, failure) -> failure != null
                        ? CompletableFuture.completedFuture(answerToReadFailure(stream, Failures.unwrap(failure)))
                        : answerTo(frame))
                .thenCompose(Function.identity());
    }

    private Optional<byte[]> answerToReadFailure(FramedStream stream, Throwable failure) {
        if (failure instanceof FrameTooLargeException tooLarge) {
            return Optional.of(service.requestTooLarge(tooLarge));
        }
        LOG.debug("No {} request read on {}: {}", service.protocol(), stream, failure.toString());
        return Optional.empty();
    }

    /** The answer to {@code frame}; none when the peer ended the stream without sending a request. */
    private CompletableFuture<Optional<byte[]>> answerTo(Optional<byte[]> frame) {
        if (frame.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<byte[]> answer;
        try {
            answer = service.answer(frame.get());
        } catch (RuntimeException unexpected) {
            answer = CompletableFuture.failedFuture(unexpected);
        }
        return answer.exceptionally(failure -> service.internalError(Failures.unwrap(failure)))
                .thenApply(Optional::of);
    }

    /**
     * Writes the answer and half-closes, so the peer reads the answer and then end of stream (nwaku's
     * {@code closeWithEOF}); whatever the peer still sends is dropped.
     */
    private CompletableFuture<Void> respond(FramedStream stream, byte[] answer) {
        return stream.answerAndFinish(answer).handle((ignored, failure) -> {
            if (failure != null) {
                LOG.debug("{} answer not sent on {}: {}", service.protocol(), stream, failure.toString());
                stream.reset();
            }
            return null;
        });
    }

    private static CompletableFuture<Void> abandon(FramedStream stream) {
        stream.reset();
        return CompletableFuture.completedFuture(null);
    }
}
