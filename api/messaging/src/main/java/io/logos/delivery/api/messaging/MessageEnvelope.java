package io.logos.delivery.api.messaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an application sends: a payload for a content topic. The messaging layer turns it into a Waku message
 * (timestamp now, version 0) on the shard autosharding gives the content topic. The content topic is checked by
 * {@link MessagingApi#send}, which names what is wrong.
 *
 * @param contentTopic e.g. {@code /my-app/1/chat/proto}
 * @param payload      the bytes to deliver (copied)
 * @param ephemeral    neither stored by store nodes nor confirmed through them
 * @param meta         up to 64 bytes that are part of the message hash; empty for none (copied)
 */
public record MessageEnvelope(String contentTopic, byte[] payload, boolean ephemeral, byte[] meta) {

    public MessageEnvelope {
        Objects.requireNonNull(contentTopic, "contentTopic");
        payload = Objects.requireNonNull(payload, "payload").clone();
        meta = Objects.requireNonNull(meta, "meta").clone();
    }

    /** A durable message without meta. */
    public static MessageEnvelope of(String contentTopic, byte[] payload) {
        return new MessageEnvelope(contentTopic, payload, false, new byte[0]);
    }

    /** This envelope, neither stored nor confirmed. */
    public MessageEnvelope asEphemeral() {
        return new MessageEnvelope(contentTopic, payload, true, meta);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] meta() {
        return meta.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageEnvelope that && ephemeral == that.ephemeral
                && contentTopic.equals(that.contentTopic) && Arrays.equals(payload, that.payload)
                && Arrays.equals(meta, that.meta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentTopic, Arrays.hashCode(payload), ephemeral, Arrays.hashCode(meta));
    }

    @Override
    public String toString() {
        return "MessageEnvelope[" + contentTopic + ", " + payload.length + " bytes" + (ephemeral ? ", ephemeral" : "")
                + "]";
    }
}
