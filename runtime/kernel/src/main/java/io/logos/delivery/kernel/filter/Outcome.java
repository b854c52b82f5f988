package io.logos.delivery.kernel.filter;

/**
 * The status a service answers a subscribe request with. Error descriptions read as nwaku writes them on
 * the wire: the kind, a colon, the cause ({@code NOT_FOUND: peer has no subscriptions}).
 */
record Outcome(int statusCode, String description) {

    static final Outcome OK = new Outcome(FilterProtocol.OK, "OK");

    static Outcome badRequest(String cause) {
        return new Outcome(FilterProtocol.BAD_REQUEST, "BAD_REQUEST: " + cause);
    }

    static Outcome notFound(String cause) {
        return new Outcome(FilterProtocol.NOT_FOUND, "NOT_FOUND: " + cause);
    }

    static Outcome serviceUnavailable(String cause) {
        return new Outcome(FilterProtocol.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE: " + cause);
    }
}
