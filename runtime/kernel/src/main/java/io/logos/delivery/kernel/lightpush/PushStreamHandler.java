package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.service.Failures;
import io.logos.delivery.kernel.service.InFlightRequests;
import io.logos.delivery.kernel.service.TimedRead;
import io.logos.delivery.libp2p.framed.FrameTooLargeException;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.framed.FramedStreamHandler;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one light push stream: admission (stopping, rate limit), one request read with a deadline, one
 * answer, then the stream is closed. A stream's failure never touches other streams or the connection.
 */
final class PushStreamHandler implements FramedStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PushStreamHandler.class);

    private final PushDialect dialect;
    private final InFlightRequests inFlight;
    private final RequestRateLimiter<PeerId> rateLimiter;
    private final ScheduledExecutorService scheduler;
    private final Duration readTimeout;

    PushStreamHandler(PushDialect dialect, InFlightRequests inFlight, RequestRateLimiter<PeerId> rateLimiter,
                      ScheduledExecutorService scheduler, Duration readTimeout) {
        this.dialect = dialect;
        this.inFlight = inFlight;
        this.rateLimiter = rateLimiter;
        this.scheduler = scheduler;
        this.readTimeout = readTimeout;
    }

    String protocol() {
        return dialect.protocol();
    }

    @Override
    public void handle(FramedStream stream) {
        if (!inFlight.enter()) {
            respond(stream, dialect.refusal(PushStatus.serviceUnavailable()));
            return;
        }
        // like nwaku, a rate-limited request is refused without reading it
        CompletableFuture<Optional<byte[]>> answer = rateLimiter.tryAcquire(stream.remotePeer())
                ? readAndAnswer(stream)
                : CompletableFuture.completedFuture(Optional.of(dialect.refusal(PushStatus.tooManyRequests())));
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
            return Optional.of(dialect.refusal(PushStatus.refused(LightpushResult.PAYLOAD_TOO_LARGE, "request of "
                    + tooLarge.announced() + " bytes is larger than the limit of " + tooLarge.limit() + " bytes")));
        }
        LOG.debug("No light push request read on {}: {}", stream, failure.toString());
        return Optional.empty();
    }

    /** The answer to {@code frame}; none when the peer ended the stream without sending a request. */
    private CompletableFuture<Optional<byte[]>> answerTo(Optional<byte[]> frame) {
        if (frame.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<byte[]> answer;
        try {
            answer = dialect.answer(frame.get());
        } catch (RuntimeException unexpected) {
            answer = CompletableFuture.failedFuture(unexpected);
        }
        return answer.exceptionally(failure -> dialect.refusal(PushStatus.internalError(Failures.unwrap(failure))))
                .thenApply(Optional::of);
    }

    /**
     * Writes the answer and half-closes, so the peer reads the answer and then end of stream (nwaku's
     * {@code closeWithEOF}); whatever the peer still sends is dropped.
     */
    private CompletableFuture<Void> respond(FramedStream stream, byte[] answer) {
        return stream.answerAndFinish(answer).handle((ignored, failure) -> {
            if (failure != null) {
                LOG.debug("Light push answer not sent on {}: {}", stream, failure.toString());
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
