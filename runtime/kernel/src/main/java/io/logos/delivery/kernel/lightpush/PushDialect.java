package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.service.RequestService;
import io.logos.delivery.libp2p.framed.FrameTooLargeException;

/**
 * One light push protocol version as the service speaks it: its requests in, its answers out. A bad request
 * gets a refusing answer, never a failed future.
 */
interface PushDialect extends RequestService {

    /** The encoded answer to a request that was not (or could not be) read, such as a rate-limited one. */
    byte[] refusal(PushStatus status);

    @Override
    default byte[] serviceUnavailable() {
        return refusal(PushStatus.serviceUnavailable());
    }

    @Override
    default byte[] tooManyRequests() {
        return refusal(PushStatus.tooManyRequests());
    }

    @Override
    default byte[] requestTooLarge(FrameTooLargeException tooLarge) {
        return refusal(PushStatus.refused(LightpushResult.PAYLOAD_TOO_LARGE, "request of " + tooLarge.announced()
                + " bytes is larger than the limit of " + tooLarge.limit() + " bytes"));
    }

    @Override
    default byte[] internalError(Throwable failure) {
        return refusal(PushStatus.internalError(failure));
    }
}
