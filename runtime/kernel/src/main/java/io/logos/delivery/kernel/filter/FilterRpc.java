package io.logos.delivery.kernel.filter;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.kernel.proto.FilterSubscribeResponse;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One subscribe request and its response, on a stream of its own, checked as nwaku's client checks them.
 * Every failure is a {@link FilterException}: 504 when the service cannot be reached or does not answer
 * in time, 300 when the answer is missing, undecodable or for another request, else the service's status.
 */
final class FilterRpc {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Host host;

    FilterRpc(Host host) {
        this.host = host;
    }

    /** 10 random bytes in hex, as nwaku's client makes request ids. */
    static String newRequestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** Sends {@code request} to {@code service}; completes when it answers with a 2xx status. */
    CompletableFuture<Void> send(PeerId service, FilterSubscribeRequest request, Duration timeout) {
        CompletableFuture<FramedStream> opening = host.newFramedStream(service, List.of(FilterProtocol.SUBSCRIBE_ID),
                FilterProtocol.MAX_RESPONSE_BYTES);
        CompletableFuture<Void> exchanged = opening
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new FilterException(
                        FilterProtocol.PEER_DIAL_FAILURE, "cannot reach filter service " + service + ": "
                        + cause(failure).getMessage())))
                .thenCompose(stream -> stream.write(request.toByteArray()).thenCompose(written -> stream.read()))
                .thenAccept(frame -> check(service, request.getRequestId(), frame))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(asFilterException(service, failure,
                        timeout)));
        exchanged.whenComplete((done, failure) -> opening.thenAccept(FramedStream::close));
        return exchanged;
    }

    private static void check(PeerId service, String requestId, Optional<byte[]> frame) {
        if (frame.isEmpty()) {
            throw new FilterException(FilterProtocol.BAD_RESPONSE, "filter service " + service
                    + " closed the stream without a response");
        }
        FilterSubscribeResponse response;
        try {
            response = FilterSubscribeResponse.parseFrom(frame.get());
        } catch (InvalidProtocolBufferException e) {
            throw new FilterException(FilterProtocol.BAD_RESPONSE, "undecodable response from filter service "
                    + service + ": " + e.getMessage());
        }
        if (!response.hasRequestId() || !response.hasStatusCode()) {
            throw new FilterException(FilterProtocol.BAD_RESPONSE, "response from filter service " + service
                    + " lacks its " + (response.hasRequestId() ? "status_code (10)" : "request_id (1)"));
        }
        int status = response.getStatusCode();
        // a rate-limited request is refused before it is read, so its answer cannot carry our id
        if (status != FilterProtocol.TOO_MANY_REQUESTS && !response.getRequestId().equals(requestId)) {
            throw new FilterException(FilterProtocol.BAD_RESPONSE, "filter service " + service
                    + " answered request " + response.getRequestId() + " instead of " + requestId);
        }
        if (status < 200 || status > 299) {
            throw new FilterException(status, response.hasStatusDesc() ? response.getStatusDesc()
                    : "filter request refused by " + service);
        }
    }

    private static FilterException asFilterException(PeerId service, Throwable failure, Duration timeout) {
        Throwable cause = cause(failure);
        if (cause instanceof FilterException refused) {
            return refused;
        }
        if (cause instanceof TimeoutException) {
            return new FilterException(FilterProtocol.PEER_DIAL_FAILURE, "filter service " + service
                    + " did not answer within " + timeout.toMillis() + " ms");
        }
        return new FilterException(FilterProtocol.BAD_RESPONSE, "filter exchange with " + service + " failed: "
                + cause);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
