package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.node.StoreResponse;

/** A store service's status code and description, worded as nwaku words them where nwaku has the case. */
record StoreStatus(int code, String description) {

    static final StoreStatus OK = new StoreStatus(StoreResponse.SUCCESS, "OK");

    /** The request is not a StoreQueryRequest (nwaku's wording). */
    static StoreStatus undecodable(String detail) {
        return new StoreStatus(StoreResponse.BAD_REQUEST, "decoding rpc failed: " + detail);
    }

    /** The request decodes but asks for something this service refuses. */
    static StoreStatus invalidQuery(String detail) {
        return new StoreStatus(StoreResponse.BAD_REQUEST, "BAD_REQUEST: invalid query: " + detail);
    }

    /** The archive could not answer, e.g. it does not hold the cursor (nwaku's wording). */
    static StoreStatus archiveError(String detail) {
        return new StoreStatus(StoreResponse.BAD_RESPONSE, "BAD_RESPONSE: archive error: " + detail);
    }

    static StoreStatus tooManyRequests() {
        return new StoreStatus(StoreResponse.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS");
    }

    /** The service stops: it takes no more queries. */
    static StoreStatus stopping() {
        return unavailable("the store service is stopping");
    }

    static StoreStatus unavailable(String detail) {
        return new StoreStatus(StoreResponse.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE: " + detail);
    }
}
