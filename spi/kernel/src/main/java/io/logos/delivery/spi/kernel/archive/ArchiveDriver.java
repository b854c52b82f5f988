package io.logos.delivery.spi.kernel.archive;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where a store node keeps messages, keyed by their deterministic hash and ordered by
 * (timestamp, hash). Methods may block; the node calls them off its network threads. Implementations
 * must be safe for use from several threads at once.
 */
public interface ArchiveDriver extends AutoCloseable {

    /**
     * Stores a message. Storing a hash that is already stored changes nothing.
     *
     * @return whether the message was new
     */
    boolean put(ArchivedMessage message);

    /**
     * The messages matching {@code query}, at most {@code query.limit()}, in the query's direction
     * (ascending for forward, descending for backward), strictly after its cursor.
     *
     * @throws ArchiveException when the cursor is not stored, or the store fails
     */
    List<ArchivedMessage> find(ArchiveQuery query);

    /** How many messages are stored. */
    long count();

    /** The smallest stored timestamp, if any message is stored. */
    OptionalLong oldestTimestamp();

    /** The largest stored timestamp, if any message is stored. */
    OptionalLong newestTimestamp();

    /**
     * Removes every message with {@code timestamp < cutoffNanos} (time retention).
     *
     * @return how many messages were removed
     */
    long deleteOlderThan(long cutoffNanos);

    /**
     * Removes the {@code count} oldest messages in (timestamp, hash) order (capacity and size retention).
     *
     * @return how many messages were removed
     */
    long deleteOldest(long count);

    /** The space the stored messages take, in bytes, as the driver measures it. */
    long sizeInBytes();

    /** Gives space freed by deletions back to the system; a driver with nothing to reclaim does nothing. */
    default void reclaimSpace() {
    }

    /** Releases files, connections and memory. Calls after this fail. */
    @Override
    void close();
}
