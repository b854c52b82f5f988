package io.logos.delivery.spi.kernel.archive;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A search of the archive. Every given criterion must hold (they are ANDed, as nwaku does); an empty
 * set or an absent value means "any".
 *
 * <p>Messages are ordered by (timestamp, hash), hashes compared as unsigned bytes. A query returns up
 * to {@code limit} messages in its {@code direction}, starting just after {@code cursor} (exclusive).
 *
 * @param pubsubTopic only messages that arrived on this topic
 * @param contentTopics only messages with one of these content topics
 * @param timeStart only messages with {@code timestamp >= timeStart} (nanoseconds)
 * @param timeEnd only messages with {@code timestamp <= timeEnd} (inclusive, as nwaku)
 * @param hashes only these messages
 * @param cursor continue after the message with this hash; a driver throws {@link ArchiveException}
 *     when the cursor is not stored
 * @param direction {@link PagingDirection#FORWARD} from old to new, {@link PagingDirection#BACKWARD} from new to old
 * @param limit the most messages to return, at least 1
 */
public record ArchiveQuery(Optional<PubsubTopic> pubsubTopic, Set<String> contentTopics, OptionalLong timeStart,
                           OptionalLong timeEnd, Set<MessageHash> hashes, Optional<MessageHash> cursor,
                           PagingDirection direction, int limit) {

    public ArchiveQuery {
        Objects.requireNonNull(pubsubTopic, "pubsub topic");
        contentTopics = Set.copyOf(contentTopics);
        Objects.requireNonNull(timeStart, "time start");
        Objects.requireNonNull(timeEnd, "time end");
        hashes = Set.copyOf(hashes);
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(direction, "direction");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a stored message satisfies the filters of this query (the cursor and limit aside). */
    public boolean matches(ArchivedMessage stored) {
        long timestamp = stored.timestamp();
        return pubsubTopic.map(stored.pubsubTopic()::equals).orElse(true)
                && (contentTopics.isEmpty() || contentTopics.contains(stored.message().contentTopic()))
                && (timeStart.isEmpty() || timestamp >= timeStart.getAsLong())
                && (timeEnd.isEmpty() || timestamp <= timeEnd.getAsLong())
                && (hashes.isEmpty() || hashes.contains(stored.hash()));
    }

    /** Builds an {@link ArchiveQuery}; by default everything matches, forward, 20 at a time. */
    public static final class Builder {
        private Optional<PubsubTopic> pubsubTopic = Optional.empty();
        private Set<String> contentTopics = Set.of();
        private OptionalLong timeStart = OptionalLong.empty();
        private OptionalLong timeEnd = OptionalLong.empty();
        private Set<MessageHash> hashes = Set.of();
        private Optional<MessageHash> cursor = Optional.empty();
        private PagingDirection direction = PagingDirection.FORWARD;
        private int limit = 20;

        private Builder() {
        }

        public Builder pubsubTopic(PubsubTopic topic) {
            this.pubsubTopic = Optional.of(topic);
            return this;
        }

        public Builder contentTopics(Set<String> topics) {
            this.contentTopics = topics;
            return this;
        }

        public Builder timeStart(long nanos) {
            this.timeStart = OptionalLong.of(nanos);
            return this;
        }

        public Builder timeEnd(long nanos) {
            this.timeEnd = OptionalLong.of(nanos);
            return this;
        }

        public Builder hashes(Set<MessageHash> hashes) {
            this.hashes = hashes;
            return this;
        }

        public Builder cursor(MessageHash cursor) {
            this.cursor = Optional.of(cursor);
            return this;
        }

        public Builder direction(PagingDirection direction) {
            this.direction = direction;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public ArchiveQuery build() {
            return new ArchiveQuery(pubsubTopic, contentTopics, timeStart, timeEnd, hashes, cursor, direction, limit);
        }
    }
}
