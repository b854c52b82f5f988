package io.logos.delivery.api.kernel.node;

/** A filter service refused a request or could not be reached; carries the filter v2 status code. */
public final class FilterException extends RuntimeException {

    private final int statusCode;

    public FilterException(int statusCode, String message) {
        super(statusCode + ": " + message);
        this.statusCode = statusCode;
    }

    /** 400, 404, 429, 503 from the service; 300 bad response and 504 dial failure from the client. */
    public int statusCode() {
        return statusCode;
    }
}
