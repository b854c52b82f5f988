package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.MessageSizeLimit;

/** Protocol ids, frame limits and status codes of filter v2, as nwaku uses them. */
public final class FilterProtocol {

    /** Client to service: SUBSCRIBE, UNSUBSCRIBE, UNSUBSCRIBE_ALL and SUBSCRIBER_PING, one per stream. */
    public static final String SUBSCRIBE_ID = "/vac/waku/filter-subscribe/2.0.0-beta1";
    /** Service to client: many MessagePush frames on one stream the service opens. */
    public static final String PUSH_ID = "/vac/waku/filter-push/2.0.0-beta1";

    /** The largest subscribe request a service reads, and the largest push a client reads. */
    public static final int MAX_REQUEST_OR_PUSH_BYTES = 10 * MessageSizeLimit.DEFAULT.bytes() + 64 * 1024;
    /** The largest subscribe response a client reads. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** Content topics one SUBSCRIBE or UNSUBSCRIBE may carry. */
    public static final int MAX_CONTENT_TOPICS_PER_REQUEST = 100;

    public static final int OK = 200;
    /** Client side: the response could not be read, decoded or matched to the request. */
    public static final int BAD_RESPONSE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int SERVICE_UNAVAILABLE = 503;
    /** Client side: the service could not be reached, or did not answer in time. */
    public static final int PEER_DIAL_FAILURE = 504;

    private FilterProtocol() {
    }
}
