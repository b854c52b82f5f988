package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.node.LightpushResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's verdict on one pushed message, in lightpush v3 terms; the legacy protocol maps it onto its
 * success flag and info text.
 */
record PushStatus(int code, Optional<String> description, int relayPeerCount) {

    /** nwaku's description of a rate-limited request (v3). */
    static final String TOO_MANY_REQUESTS = "Request rejected due to too many requests";

    PushStatus {
        Objects.requireNonNull(description, "description");
    }

    static PushStatus published(int relayPeerCount) {
        return new PushStatus(LightpushResult.SUCCESS, Optional.empty(), relayPeerCount);
    }

    static PushStatus refused(int code, String description) {
        return new PushStatus(code, Optional.of(description), 0);
    }

    static PushStatus tooManyRequests() {
        return refused(LightpushResult.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS);
    }

    static PushStatus serviceUnavailable() {
        return refused(LightpushResult.SERVICE_NOT_AVAILABLE, "light push service is stopping");
    }

    static PushStatus badRequest(String description) {
        return refused(LightpushResult.BAD_REQUEST, description);
    }

    static PushStatus internalError(Throwable failure) {
        return refused(LightpushResult.INTERNAL_SERVER_ERROR, "internal error: " + failure);
    }

    /** A client's verdict on an answer that belongs to another request. */
    static PushStatus requestIdMismatch(String sent, String received) {
        return refused(LightpushResult.INTERNAL_SERVER_ERROR, "response failure, requestId mismatch: sent "
                + sent + ", got '" + received + "'");
    }

    boolean succeeded() {
        return code == LightpushResult.SUCCESS;
    }
}
