package io.logos.delivery.app.rest;

/** Ends a request with {@code status} and the message as a plain-text body, as nwaku answers errors. */
class RestException extends RuntimeException {

    private final int status;

    RestException(int status, String message) {
        super(message);
        this.status = status;
    }

    static RestException badRequest(String message) {
        return new RestException(400, message);
    }

    static RestException notFound(String message) {
        return new RestException(404, message);
    }

    int status() {
        return status;
    }
}
