package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page's worth of a store v3 query (13/WAKU2-STORE). Criteria that are given must all hold; an empty list
 * or an absent value means "any". The RFC asks for content topics only together with a pubsub topic, and for
 * message hashes only without content criteria; like nwaku, this type lets the service decide.
 *
 * @param includeData   whether the service returns the messages, or only their hashes
 * @param pubsubTopic   only messages that arrived on this topic
 * @param contentTopics only messages with one of these content topics
 * @param timeStart     only messages with {@code timestamp >= timeStart} (nanoseconds)
 * @param timeEnd       only messages with {@code timestamp <= timeEnd} (nanoseconds; inclusive on nwaku and
 *                      Java services, exclusive in the RFC)
 * @param messageHashes only these messages (a look-up, or a presence check without data)
 * @param cursor        continue after this message (exclusive), the cursor of the previous page
 * @param direction     {@link PagingDirection#FORWARD} from old to new, {@link PagingDirection#BACKWARD} from new
 *                      to old; either way a page lists its messages from old to new
 * @param pageSize      the most messages wanted in the page, at least 1; the service's default (20) when
 *                      absent, and services cap it (100)
 */
public record StoreQuery(boolean includeData, Optional<PubsubTopic> pubsubTopic, List<String> contentTopics,
                         OptionalLong timeStart, OptionalLong timeEnd, List<MessageHash> messageHashes,
                         Optional<MessageHash> cursor, PagingDirection direction, OptionalLong pageSize) {

    public StoreQuery {
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        contentTopics = List.copyOf(contentTopics);
        Objects.requireNonNull(timeStart, "timeStart");
        Objects.requireNonNull(timeEnd, "timeEnd");
        messageHashes = List.copyOf(messageHashes);
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(pageSize, "pageSize");
        if (pageSize.isPresent() && pageSize.getAsLong() < 1) {
            throw new IllegalArgumentException("the page size must be at least 1, got " + pageSize.getAsLong());
        }
    }

    /**
     * A query with nwaku's client defaults: hashes only, everything matches, backward (the wire default), the
     * service's page size.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's criteria, for making a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.includeData = includeData;
        builder.pubsubTopic = pubsubTopic;
        builder.contentTopics = contentTopics;
        builder.timeStart = timeStart;
        builder.timeEnd = timeEnd;
        builder.messageHashes = messageHashes;
        builder.cursor = cursor;
        builder.direction = direction;
        builder.pageSize = pageSize;
        return builder;
    }

    /** This query continued after {@code next}: the query for the page after a response with that cursor. */
    public StoreQuery withCursor(MessageHash next) {
        return toBuilder().cursor(next).build();
    }

    /** Builds a {@link StoreQuery}; see {@link StoreQuery#builder()} for the defaults. */
    public static final class Builder {
        private boolean includeData;
        private Optional<PubsubTopic> pubsubTopic = Optional.empty();
        private List<String> contentTopics = List.of();
        private OptionalLong timeStart = OptionalLong.empty();
        private OptionalLong timeEnd = OptionalLong.empty();
        private List<MessageHash> messageHashes = List.of();
        private Optional<MessageHash> cursor = Optional.empty();
        private PagingDirection direction = PagingDirection.BACKWARD;
        private OptionalLong pageSize = OptionalLong.empty();

        private Builder() {
        }

        public Builder includeData(boolean value) {
            this.includeData = value;
            return this;
        }

        public Builder pubsubTopic(PubsubTopic value) {
            this.pubsubTopic = Optional.of(value);
            return this;
        }

        public Builder contentTopics(List<String> value) {
            this.contentTopics = value;
            return this;
        }

        /** Inclusive, in nanoseconds. */
        public Builder timeStart(long nanos) {
            this.timeStart = OptionalLong.of(nanos);
            return this;
        }

        /** In nanoseconds; see {@link StoreQuery#timeEnd()}. */
        public Builder timeEnd(long nanos) {
            this.timeEnd = OptionalLong.of(nanos);
            return this;
        }

        public Builder messageHashes(List<MessageHash> value) {
            this.messageHashes = value;
            return this;
        }

        public Builder cursor(MessageHash value) {
            this.cursor = Optional.of(value);
            return this;
        }

        public Builder direction(PagingDirection value) {
            this.direction = value;
            return this;
        }

        public Builder pageSize(long value) {
            this.pageSize = OptionalLong.of(value);
            return this;
        }

        public StoreQuery build() {
            return new StoreQuery(includeData, pubsubTopic, contentTopics, timeStart, timeEnd, messageHashes, cursor,
                    direction, pageSize);
        }
    }
}
