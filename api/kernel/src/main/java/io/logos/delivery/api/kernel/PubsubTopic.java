package io.logos.delivery.api.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A gossipsub topic carrying Waku messages. Usually a {@link RelayShard} ({@code /waku/2/rs/1/0}); the
 * deprecated named topics such as {@code /waku/2/default-waku/proto} are still accepted because real
 * peers and test vectors use them.
 */
public final class PubsubTopic {

    /** nwaku's default pubsub topic: cluster 0, shard 0. */
    public static final PubsubTopic DEFAULT = of("/waku/2/rs/0/0");

    private final String value;
    private final RelayShard shard;

    private PubsubTopic(String value, RelayShard shard) {
        this.value = value;
        this.shard = shard;
    }

    /**
     * A pubsub topic from its text. A topic under {@code /waku/2/rs/} must be a valid relay shard.
     *
     * @throws InvalidTopicException when the topic is empty, contains whitespace, or is a malformed shard
     */
    public static PubsubTopic of(String text) {
        Objects.requireNonNull(text, "pubsub topic");
        if (text.isEmpty()) {
            throw new InvalidTopicException(text, "a pubsub topic may not be empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidTopicException(text, "a pubsub topic may not contain whitespace");
        }
        RelayShard shard = text.startsWith(RelayShard.PREFIX) ? RelayShard.parse(text) : null;
        return new PubsubTopic(text, shard);
    }

    /** The relay shard this topic names, or empty for a named (legacy) topic. */
    public Optional<RelayShard> shard() {
        return Optional.ofNullable(shard);
    }

    public String value() {
        return value;
    }

    byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PubsubTopic that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
