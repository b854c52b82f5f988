package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a store query, or why there is none. {@code statusCode} follows store v3: 200 success; from the
 * service 400 bad request, 429 too many requests, 503 service unavailable and 300 for archive errors (such as a
 * cursor the service does not hold); from the client 300 bad response (none in time, or an invalid one) and 504
 * when no store peer could be reached.
 *
 * @param messages    the page, always from old to new whatever the query's direction
 * @param cursor      present when more messages match: the cursor of the next page
 * @param peer        the store peer that answered; empty when none was reached
 */
public record StoreResponse(int statusCode, String description, List<StoredMessage> messages,
                            Optional<MessageHash> cursor, Optional<PeerId> peer) {

    public static final int SUCCESS = 200;
    public static final int BAD_RESPONSE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int PEER_DIAL_FAILURE = 504;

    public StoreResponse {
        Objects.requireNonNull(description, "description");
        messages = List.copyOf(messages);
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(peer, "peer");
    }

    /** A failure without a page. */
    public static StoreResponse failure(int statusCode, String description, Optional<PeerId> peer) {
        return new StoreResponse(statusCode, description, List.of(), Optional.empty(), peer);
    }

    public boolean succeeded() {
        return statusCode == SUCCESS;
    }
}
