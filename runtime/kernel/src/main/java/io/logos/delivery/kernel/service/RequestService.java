package io.logos.delivery.kernel.service;

import io.logos.delivery.libp2p.framed.FrameTooLargeException;
import java.util.concurrent.CompletableFuture;

/**
 * A service that answers one request per stream ({@link RequestStreamHandler} runs the stream): its protocol,
 * its answers, and the encoded answers to requests it never got to see.
 */
public interface RequestService {

    /** The protocol id served. */
    String protocol();

    /** The encoded answer to the encoded {@code request}; a failed future is answered with {@link #internalError}. */
    CompletableFuture<byte[]> answer(byte[] request);

    /** The answer to a request that arrives while the service is stopping (not read). */
    byte[] serviceUnavailable();

    /** The answer to a request refused by the rate limiter (not read). */
    byte[] tooManyRequests();

    /** The answer to a request larger than the frame limit (not read). */
    byte[] requestTooLarge(FrameTooLargeException tooLarge);

    /** The answer when answering failed unexpectedly. */
    byte[] internalError(Throwable failure);
}
