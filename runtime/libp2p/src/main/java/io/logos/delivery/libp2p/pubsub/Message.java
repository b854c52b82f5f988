package io.logos.delivery.libp2p.pubsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Objects;

/**
 * A pubsub message as validators and subscribers see it. Messages follow the StrictNoSign policy: they
 * carry no author, sequence number or signature, only a topic and data. Immutable.
 */
public final class Message {

    private final String topic;
    private final byte[] data;
    private final PeerId receivedFrom;
    private final MessageId id;

    /**
     * @param topic        the pubsub topic the message was published to
     * @param data         the payload, copied
     * @param receivedFrom the peer that sent it to us (our own id for messages we published)
     * @param id           the message id
     */
    public Message(String topic, byte[] data, PeerId receivedFrom, MessageId id) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.data = data.clone();
        this.receivedFrom = Objects.requireNonNull(receivedFrom, "receivedFrom");
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The pubsub topic. */
    public String topic() {
        return topic;
    }

    /** The payload, as a copy. */
    public byte[] data() {
        return data.clone();
    }

    /** The payload's length in bytes. */
    public int size() {
        return data.length;
    }

    /** The peer that sent the message to us (the last hop, not the author, which StrictNoSign hides). */
    public PeerId receivedFrom() {
        return receivedFrom;
    }

    /** The message id. */
    public MessageId id() {
        return id;
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", id=" + id + ", " + data.length + " bytes from " + receivedFrom + "]";
    }
}
