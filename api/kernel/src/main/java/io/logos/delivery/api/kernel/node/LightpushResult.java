package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import java.util.Objects;
import java.util.Optional;

/**
 * A light push service's answer. {@code statusCode} follows lightpush v3 (200 success, 400, 413, 420,
 * 429, 500, 503, 504, 505); answers of the legacy protocol are mapped onto it. {@code relayPeerCount}
 * is 0 when the service did not say (legacy). {@code service} is the peer that answered, empty when no
 * service peer could be reached. A v3 answer of 200 that reached no relay peer is reported as 505, as
 * nwaku's client does.
 */
public record LightpushResult(int statusCode, Optional<String> description, int relayPeerCount,
                              MessageHash hash, Optional<PeerId> service) {

    public static final int SUCCESS = 200;
    public static final int BAD_REQUEST = 400;
    public static final int PAYLOAD_TOO_LARGE = 413;
    public static final int INVALID_MESSAGE = 420;
    public static final int UNSUPPORTED_PUBSUB_TOPIC = 421;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int SERVICE_NOT_AVAILABLE = 503;
    public static final int OUT_OF_RLN_PROOF = 504;
    public static final int NO_PEERS_TO_RELAY = 505;

    public LightpushResult {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(service, "service");
    }

    /** The service accepted and relayed the message. */
    public boolean succeeded() {
        return statusCode == SUCCESS;
    }
}
