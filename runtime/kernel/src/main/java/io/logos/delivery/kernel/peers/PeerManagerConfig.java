package io.logos.delivery.kernel.peers;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link PeerManager} keeps the node connected. Defaults are nwaku's; build with
 * {@link #builder(int)}.
 *
 * @param clusterId the node's cluster; peers of other clusters are not dialed for relay
 * @param maxConnections {@code --max-connections}
 * @param relayServiceRatio {@code --relay-service-ratio}: the relay share sets the relay peer targets
 * @param colocationLimit {@code --ip-colocation-limit}: inbound peers allowed per IP address, 0 = no limit
 * @param staticNodes {@code --staticnode}: kept connected
 * @param serviceNodes the configured service peer per protocol id ({@code --storenode}, {@code --filternode},
 *                     {@code --lightpushnode})
 * @param maxParallelDials dials in flight at once; more wait in a queue
 * @param backoff the wait before redialing a peer after failed dials
 * @param maxFailedDials failures in a row after which a discovered peer is no longer dialed automatically
 *                       (static nodes are always retried)
 * @param connectivityInterval the pause between two runs of the connectivity loop
 * @param peerStorePath the peer store's SQLite file; empty keeps peers in memory only
 */
public record PeerManagerConfig(int clusterId, int maxConnections, RelayServiceRatio relayServiceRatio,
                                int colocationLimit, List<Multiaddr> staticNodes, Map<String, Multiaddr> serviceNodes,
                                int maxParallelDials, DialBackoff backoff, int maxFailedDials,
                                Duration connectivityInterval, Optional<Path> peerStorePath) {

    /** Gossipsub relay, {@code /vac/waku/relay/2.0.0}: peers serving it count toward the relay targets. */
    public static final String RELAY_PROTOCOL = "/vac/waku/relay/2.0.0";
    public static final String STORE_PROTOCOL = "/vac/waku/store-query/3.0.0";
    public static final String FILTER_PROTOCOL = "/vac/waku/filter-subscribe/2.0.0-beta1";
    public static final String LIGHTPUSH_PROTOCOL = "/vac/waku/lightpush/3.0.0";

    /** nwaku {@code --max-connections} default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 150;
    /** nwaku {@code --relay-service-ratio} default since v0.38 (cli_args.nim); v0.35–v0.37 had "60:40". */
    public static final RelayServiceRatio DEFAULT_RELAY_SERVICE_RATIO = new RelayServiceRatio(50, 50);
    /** nwaku {@code --ip-colocation-limit} default (peer_manager.nim DefaultColocationLimit). */
    public static final int DEFAULT_COLOCATION_LIMIT = 5;
    /** nwaku peer_manager.nim MaxParallelDials. */
    public static final int DEFAULT_MAX_PARALLEL_DIALS = 10;
    /** nwaku peer_manager.nim MaxFailedAttempts. */
    public static final int DEFAULT_MAX_FAILED_DIALS = 5;
    /** nwaku peer_manager.nim ConnectivityLoopInterval. */
    public static final Duration DEFAULT_CONNECTIVITY_INTERVAL = Duration.ofSeconds(30);

    public PeerManagerConfig {
        Objects.requireNonNull(relayServiceRatio, "relayServiceRatio");
        staticNodes = List.copyOf(staticNodes);
        serviceNodes = Map.copyOf(serviceNodes);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(connectivityInterval, "connectivityInterval");
        Objects.requireNonNull(peerStorePath, "peerStorePath");
        requireAtLeast("cluster id", clusterId, 0);
        requireAtLeast("max connections", maxConnections, 1);
        requireAtLeast("ip colocation limit", colocationLimit, 0);
        requireAtLeast("max parallel dials", maxParallelDials, 1);
        requireAtLeast("max failed dials", maxFailedDials, 1);
        if (!connectivityInterval.isPositive()) {
            throw new IllegalArgumentException("connectivity interval must be positive, got " + connectivityInterval);
        }
        staticNodes.forEach(address -> requirePeerId("static node", address));
        serviceNodes.forEach((protocol, address) -> requirePeerId("service node for " + protocol, address));
    }

    private static void requireAtLeast(String what, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
    }

    private static void requirePeerId(String what, Multiaddr address) {
        if (address.peerId().isEmpty()) {
            throw new IllegalArgumentException(what + " " + address + " lacks /p2p/<peer id>");
        }
    }

    /** Relay connections wanted: the relay share of {@link #maxConnections}. */
    public int relayPeers() {
        return relayServiceRatio.relayPeers(maxConnections);
    }

    /** Outbound relay peers the loop dials up to: a third of the relay peers, as nwaku. */
    public int outRelayTarget() {
        return relayPeers() / 3;
    }

    /** Inbound relay peers kept at most: the rest of the relay peers, as nwaku. */
    public int inRelayTarget() {
        return relayPeers() - outRelayTarget();
    }

    public static Builder builder(int clusterId) {
        return new Builder(clusterId);
    }

    /** Builds a {@link PeerManagerConfig} from nwaku's defaults; multiaddrs are given as text. */
    public static final class Builder {

        private final int clusterId;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private RelayServiceRatio relayServiceRatio = DEFAULT_RELAY_SERVICE_RATIO;
        private int colocationLimit = DEFAULT_COLOCATION_LIMIT;
        private final List<Multiaddr> staticNodes = new ArrayList<>();
        private final Map<String, Multiaddr> serviceNodes = new LinkedHashMap<>();
        private int maxParallelDials = DEFAULT_MAX_PARALLEL_DIALS;
        private DialBackoff backoff = DialBackoff.NWAKU;
        private int maxFailedDials = DEFAULT_MAX_FAILED_DIALS;
        private Duration connectivityInterval = DEFAULT_CONNECTIVITY_INTERVAL;
        private Optional<Path> peerStorePath = Optional.empty();

        private Builder(int clusterId) {
            this.clusterId = clusterId;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** @param text e.g. {@code "60:40"} */
        public Builder relayServiceRatio(String text) {
            relayServiceRatio = RelayServiceRatio.parse(text);
            return this;
        }

        public Builder colocationLimit(int value) {
            colocationLimit = value;
            return this;
        }

        /** Adds a static node, e.g. {@code /ip4/1.2.3.4/tcp/60000/p2p/16Uiu2…}. */
        public Builder staticNode(String multiaddr) {
            staticNodes.add(parse("static node", multiaddr));
            return this;
        }

        /** Sets the service peer for {@code protocol}, e.g. {@link #LIGHTPUSH_PROTOCOL}. */
        public Builder serviceNode(String protocol, String multiaddr) {
            serviceNodes.put(Objects.requireNonNull(protocol, "protocol"),
                    parse("service node for " + protocol, multiaddr));
            return this;
        }

        public Builder maxParallelDials(int value) {
            maxParallelDials = value;
            return this;
        }

        public Builder backoff(DialBackoff value) {
            backoff = value;
            return this;
        }

        public Builder maxFailedDials(int value) {
            maxFailedDials = value;
            return this;
        }

        public Builder connectivityInterval(Duration value) {
            connectivityInterval = value;
            return this;
        }

        /** Keeps peers in {@code file} (e.g. {@code <data dir>/peers.sqlite3}) across restarts. */
        public Builder peerStorePath(Path file) {
            peerStorePath = Optional.of(file);
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public PeerManagerConfig build() {
            return new PeerManagerConfig(clusterId, maxConnections, relayServiceRatio, colocationLimit, staticNodes,
                    serviceNodes, maxParallelDials, backoff, maxFailedDials, connectivityInterval, peerStorePath);
        }

        private static Multiaddr parse(String what, String text) {
            try {
                return Multiaddr.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " '" + text + "' is not a multiaddr: " + e.getMessage(), e);
            }
        }
    }
}
