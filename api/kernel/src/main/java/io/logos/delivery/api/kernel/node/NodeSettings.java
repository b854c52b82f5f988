package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link WakuNodeFactory} builds a node from: the part of a node's configuration that libraries and upper
 * layers choose. Operators' nodes are configured by the application with every flag instead.
 *
 * @param clusterId       the cluster the node joins
 * @param numShards       autosharding over this many shards; every shard is served when relaying
 * @param listenAddresses multiaddrs to listen on
 * @param relay           mount relay (and serve light push and filter when asked)
 * @param lightpushService serve light push (needs relay)
 * @param filterService   serve filter (needs relay)
 * @param staticNodes     peers to connect to and keep connected
 * @param storeNodes      store service peers
 * @param lightpushNodes  light push service peers, dialled when a message is pushed ({@code --lightpushnode})
 * @param maxMessageSize  the largest message accepted
 * @param dataDirectory   where the peer store lives; in memory when absent
 * @param archive         serve store over the archive at this URL ({@code memory://}, {@code sqlite://<file>}, …),
 *                        whose driver plugin must be installed
 * @param clock           the time the node's TTLs, backoffs and rate limits read
 */
public record NodeSettings(int clusterId, int numShards, List<String> listenAddresses, boolean relay,
                           boolean lightpushService, boolean filterService, List<String> staticNodes,
                           List<String> storeNodes, List<String> lightpushNodes, MessageSizeLimit maxMessageSize,
                           Optional<Path> dataDirectory, Optional<String> archive, Clock clock) {

    public NodeSettings {
        if (clusterId < 0 || clusterId > 0xFFFF) {
            throw new IllegalArgumentException("the cluster id must be 0..65535, got " + clusterId);
        }
        if (numShards < 1 || numShards > 1024) {
            throw new IllegalArgumentException("autosharding needs 1..1024 shards, got " + numShards);
        }
        listenAddresses = List.copyOf(listenAddresses);
        staticNodes = List.copyOf(staticNodes);
        storeNodes = List.copyOf(storeNodes);
        lightpushNodes = List.copyOf(lightpushNodes);
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(clock, "clock");
        if ((lightpushService || filterService) && !relay) {
            throw new IllegalArgumentException("the light push and filter services need relay");
        }
    }

    public static Builder builder(int clusterId, int numShards) {
        return new Builder(clusterId, numShards);
    }

    /** Builds {@link NodeSettings}: a relay node without services on 0.0.0.0:60000 unless told otherwise. */
    public static final class Builder {
        private final int clusterId;
        private final int numShards;
        private final List<String> listenAddresses = new ArrayList<>();
        private boolean relay = true;
        private boolean lightpushService;
        private boolean filterService;
        private final List<String> staticNodes = new ArrayList<>();
        private final List<String> storeNodes = new ArrayList<>();
        private final List<String> lightpushNodes = new ArrayList<>();
        private MessageSizeLimit maxMessageSize = MessageSizeLimit.DEFAULT;
        private Optional<Path> dataDirectory = Optional.empty();
        private Optional<String> archive = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder(int clusterId, int numShards) {
            this.clusterId = clusterId;
            this.numShards = numShards;
        }

        public Builder listenAddresses(List<String> values) {
            listenAddresses.addAll(values);
            return this;
        }

        public Builder relay(boolean value) {
            relay = value;
            return this;
        }

        public Builder services(boolean lightpush, boolean filter) {
            lightpushService = lightpush;
            filterService = filter;
            return this;
        }

        public Builder staticNodes(List<String> values) {
            staticNodes.addAll(values);
            return this;
        }

        public Builder storeNodes(List<String> values) {
            storeNodes.addAll(values);
            return this;
        }

        public Builder lightpushNodes(List<String> values) {
            lightpushNodes.addAll(values);
            return this;
        }

        public Builder maxMessageSize(MessageSizeLimit value) {
            maxMessageSize = value;
            return this;
        }

        public Builder dataDirectory(Optional<Path> value) {
            dataDirectory = value;
            return this;
        }

        public Builder archive(String url) {
            archive = Optional.of(url);
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public NodeSettings build() {
            List<String> listen = listenAddresses.isEmpty() ? List.of("/ip4/0.0.0.0/tcp/60000") : listenAddresses;
            return new NodeSettings(clusterId, numShards, listen, relay, lightpushService, filterService, staticNodes,
                    storeNodes, lightpushNodes, maxMessageSize, dataDirectory, archive, clock);
        }
    }
}
