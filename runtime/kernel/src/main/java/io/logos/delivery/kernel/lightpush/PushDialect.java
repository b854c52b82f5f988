package io.logos.delivery.kernel.lightpush;

import java.util.concurrent.CompletableFuture;

/** One light push protocol version as the service speaks it: its requests in, its answers out. */
interface PushDialect {

    /** The protocol id served. */
    String protocol();

    /** The encoded answer to the encoded {@code request}; never fails, a bad request gets a refusing answer. */
    CompletableFuture<byte[]> answer(byte[] request);

    /** The encoded answer to a request that was not (or could not be) read, such as a rate-limited one. */
    byte[] refusal(PushStatus status);
}
