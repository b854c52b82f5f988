package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.WakuMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of a message whose pubsub topic is unknown: the deterministic message hash over an empty pubsub
 * topic, which is what nwaku's client reports in that case. {@link MessageHash#compute} needs a valid topic,
 * so this names a push that was refused before any topic could be chosen.
 */
final class UnroutedMessageHash {

    private UnroutedMessageHash() {
    }

    static MessageHash of(WakuMessage message) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        sha256.update(message.payload());
        sha256.update(message.contentTopic().getBytes(StandardCharsets.UTF_8));
        sha256.update(message.meta());
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(message.timestamp()).array());
        return MessageHash.of(sha256.digest());
    }
}
