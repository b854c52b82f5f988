package io.logos.delivery.libp2p.pubsub;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes a message's id from its topic and data. Every peer of a topic must use the same function
 * (pubsub spec, "Message Identification"). Under the StrictNoSign policy messages carry no author or
 * sequence number, so the id can only depend on the data, typically its hash.
 */
@FunctionalInterface
public interface MessageIdFunction {

    /**
     * The id of the message with this topic and data.
     *
     * @param data a read-only view of the message data, positioned at its start
     */
    MessageId messageId(String topic, ByteBuffer data);

    /** SHA-256 of the data, the function Waku relay uses (nwaku and js-waku). */
    static MessageIdFunction sha256OfData() {
        return (topic, data) -> {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(data);
                return MessageId.of(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        };
    }
}
