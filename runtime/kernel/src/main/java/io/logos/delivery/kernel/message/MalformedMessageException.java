package io.logos.delivery.kernel.message;

import java.util.Objects;

/**
 * Bytes that are not an acceptable encoded {@link io.logos.delivery.api.kernel.WakuMessage}: too large,
 * not protobuf, missing a field nwaku requires, or carrying a field out of range. The message says
 * which; {@link #reason()} classifies it for metrics and peer scoring.
 */
public final class MalformedMessageException extends IllegalArgumentException {

    /** Why the bytes were rejected. */
    public enum Reason {
        /** The input is larger than the configured message size limit; it was not parsed. */
        TOO_LARGE,
        /** The input is not a valid protobuf encoding (truncated, bad tag, bad wire type, bad UTF-8). */
        INVALID_PROTOBUF,
        /** A field nwaku requires is absent: payload (1) or content_topic (2). */
        MISSING_FIELD,
        /** A field is present but its value is not allowed (e.g. meta longer than 64 bytes). */
        INVALID_FIELD
    }

    private final Reason reason;

    public MalformedMessageException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public MalformedMessageException(Reason reason, String detail, Throwable cause) {
        super("malformed WakuMessage: " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
