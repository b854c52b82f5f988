package io.logos.delivery.app.rest;

/** A request body that is missing or not the JSON the route takes: 400, naming what is wrong. */
final class MalformedBodyException extends RestException {

    private final String reason;

    MalformedBodyException(String reason) {
        super(400, "Invalid content body, could not decode: " + reason);
        this.reason = reason;
    }

    /** What is wrong, for routes that answer errors in their own JSON shape. */
    String reason() {
        return reason;
    }
}
