package io.logos.delivery.libp2p.pubsub;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of a pubsub message, computed by the {@link MessageIdFunction} every peer of a topic agrees on.
 * Used for de-duplication, gossip (IHAVE/IWANT/IDONTWANT) and scoring. Immutable.
 */
public final class MessageId {

    private final byte[] bytes;
    private final int hash;

    private MessageId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The id with these bytes (copied). */
    public static MessageId of(byte[] bytes) {
        return new MessageId(bytes.clone());
    }

    /** The id's bytes, as a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The id in lower-case hex. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
