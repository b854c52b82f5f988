package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.logos.delivery.api.kernel.WakuMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * A Waku message in nwaku's REST shape ({@code RelayWakuMessage}, {@code FilterWakuMessage} without
 * {@code proof}, and the store's {@code WakuMessage}): binary fields in standard base64, the timestamp in Unix nanoseconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestWakuMessage(String payload, String contentTopic, Long version, Long timestamp, String meta,
                              Boolean ephemeral, String proof) {

    /** As relay endpoints answer it: every field, {@code meta} only when present. */
    public static RestWakuMessage relayed(WakuMessage message) {
        return of(message, base64(message.rateLimitProof()));
    }

    /** As the store endpoint answers it: {@code proof}, like {@code meta}, only when present. */
    public static RestWakuMessage stored(WakuMessage message) {
        byte[] proof = message.rateLimitProof();
        return of(message, proof.length > 0 ? base64(proof) : null);
    }

    /** As filter endpoints answer it: no {@code proof}. */
    public static RestWakuMessage filtered(WakuMessage message) {
        return of(message, null);
    }

    private static RestWakuMessage of(WakuMessage message, String proof) {
        byte[] meta = message.meta();
        return new RestWakuMessage(base64(message.payload()), message.contentTopic(), message.version(),
                message.timestamp(), meta.length > 0 ? base64(meta) : null, message.ephemeral(), proof);
    }

    /**
     * The message this describes. A missing or zero timestamp becomes now, as nwaku does; version
     * defaults to 0 and ephemeral to false.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public WakuMessage toWakuMessage(Clock clock) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException("Field `payload` is missing or empty");
        }
        if (contentTopic == null || contentTopic.isBlank()) {
            throw new IllegalArgumentException("Field `contentTopic` is missing or empty");
        }
        return WakuMessage.builder()
                .payload(decode("payload", payload))
                .contentTopic(contentTopic)
                .version(version == null ? 0 : version)
                .timestamp(timestamp == null || timestamp == 0 ? nowNanos(clock) : timestamp)
                .meta(meta == null ? new byte[0] : decode("meta", meta))
                .ephemeral(ephemeral != null && ephemeral)
                .rateLimitProof(proof == null ? new byte[0] : decode("proof", proof))
                .build();
    }

    private static long nowNanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static byte[] decode(String field, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Field `" + field + "` is not base64: " + e.getMessage(), e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
