package io.logos.delivery.kernel.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The validators every relay runs, in this order, before any added one (e.g. RLN). */
public final class Validators {

    private Validators() {
    }

    /** nwaku's size check: the encoded message may not exceed {@code maxBytes} ({@code --max-msg-size}). */
    public static MessageValidator sizeLimit(int maxBytes) {
        return (topic, message, encodedSize) -> encodedSize > maxBytes
                ? Verdict.reject("Message size exceeded maximum of " + maxBytes + " bytes")
                : Verdict.ACCEPT;
    }

    /** A message needs a content topic (the codec already requires the payload field). */
    public static MessageValidator requiredFields() {
        return (topic, message, encodedSize) -> message.contentTopic().isBlank()
                ? Verdict.reject("message has no content topic")
                : Verdict.ACCEPT;
    }

    /**
     * Rejects messages stamped more than {@code maxFuture} ahead of our clock (RFC 64 allows 20 s of
     * skew). Old timestamps pass: nwaku without RLN does not check them, and retransmissions keep the
     * original timestamp. A zero timestamp (absent) passes.
     */
    public static MessageValidator timestampNotInFuture(Clock clock, Duration maxFuture) {
        return (topic, message, encodedSize) -> {
            if (message.timestamp() == 0) {
                return Verdict.ACCEPT;
            }
            Instant now = clock.instant();
            long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            return message.timestamp() - nowNanos > maxFuture.toNanos()
                    ? Verdict.reject("message timestamp is more than " + maxFuture.toSeconds() + " s in the future")
                    : Verdict.ACCEPT;
        };
    }
}
