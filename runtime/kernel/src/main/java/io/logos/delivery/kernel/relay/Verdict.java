package io.logos.delivery.kernel.relay;

import java.util.Objects;

/**
 * A validator's decision. {@link Kind#REJECT} penalises the peer that relayed the message (gossipsub
 * P₄), {@link Kind#IGNORE} only drops it.
 */
public record Verdict(Kind kind, String reason) {

    public enum Kind { ACCEPT, REJECT, IGNORE }

    public static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, "");

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict reject(String reason) {
        return new Verdict(Kind.REJECT, reason);
    }

    public static Verdict ignore(String reason) {
        return new Verdict(Kind.IGNORE, reason);
    }

    public boolean accepted() {
        return kind == Kind.ACCEPT;
    }
}
