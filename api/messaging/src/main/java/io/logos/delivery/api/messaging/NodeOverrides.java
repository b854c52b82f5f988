package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link MessagingApi#create created} node changes of its {@link Preset}. Absent or empty values keep
 * the preset's.
 *
 * @param clusterId       another cluster
 * @param numShards       another autosharding shard count
 * @param listenAddresses multiaddrs to listen on, e.g. {@code /ip4/127.0.0.1/tcp/0}
 * @param entryNodes      multiaddrs (with {@code /p2p/<id>}) of the first peers, instead of the preset's
 * @param storeNodes      store peers to confirm and backfill through, besides those the node discovers
 * @param maxMessageSize  the largest message accepted
 * @param dataDirectory   where the node keeps its peer store and state; in memory when absent
 */
public record NodeOverrides(OptionalInt clusterId, OptionalInt numShards, List<String> listenAddresses,
                            List<String> entryNodes, List<String> storeNodes, Optional<MessageSizeLimit> maxMessageSize,
                            Optional<Path> dataDirectory) {

    /** Keeps the preset as it is. */
    public static final NodeOverrides NONE = builder().build();

    public NodeOverrides {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(numShards, "numShards");
        listenAddresses = List.copyOf(listenAddresses);
        entryNodes = List.copyOf(entryNodes);
        storeNodes = List.copyOf(storeNodes);
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link NodeOverrides}; nothing is overridden until set. */
    public static final class Builder {
        private OptionalInt clusterId = OptionalInt.empty();
        private OptionalInt numShards = OptionalInt.empty();
        private final List<String> listenAddresses = new ArrayList<>();
        private final List<String> entryNodes = new ArrayList<>();
        private final List<String> storeNodes = new ArrayList<>();
        private Optional<MessageSizeLimit> maxMessageSize = Optional.empty();
        private Optional<Path> dataDirectory = Optional.empty();

        private Builder() {
        }

        public Builder clusterId(int value) {
            clusterId = OptionalInt.of(value);
            return this;
        }

        public Builder numShards(int value) {
            numShards = OptionalInt.of(value);
            return this;
        }

        public Builder listenAddress(String multiaddr) {
            listenAddresses.add(Objects.requireNonNull(multiaddr, "multiaddr"));
            return this;
        }

        public Builder entryNode(String multiaddr) {
            entryNodes.add(Objects.requireNonNull(multiaddr, "multiaddr"));
            return this;
        }

        public Builder storeNode(String multiaddr) {
            storeNodes.add(Objects.requireNonNull(multiaddr, "multiaddr"));
            return this;
        }

        public Builder maxMessageSize(MessageSizeLimit value) {
            maxMessageSize = Optional.of(value);
            return this;
        }

        public Builder dataDirectory(Path value) {
            dataDirectory = Optional.of(value);
            return this;
        }

        public NodeOverrides build() {
            return new NodeOverrides(clusterId, numShards, listenAddresses, entryNodes, storeNodes, maxMessageSize,
                    dataDirectory);
        }
    }
}
