package io.logos.delivery.app.config;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The node's configuration, validated as a whole. Field names follow nwaku's flags.
 *
 * @param clusterId {@code --cluster-id}
 * @param maxMessageSize {@code --max-msg-size}
 * @param store {@code --store}: run the archive (and, later, the store service)
 * @param storeMessageDbUrl {@code --store-message-db-url}: the archive driver is chosen by its scheme
 * @param storeMaxDbConnections {@code --store-max-num-db-connections}
 * @param pluginsDirectory {@code --plugins-dir}: third-party plugin jars
 * @param dataDirectory {@code --local-storage-path}: the node key and other local state
 * @param network listen addresses, node key, connection limits
 * @param protocols the Waku protocols mounted and the peers kept
 * @param rest the REST API server
 * @param metrics the Prometheus metrics server
 * @param entryLayer {@code --entry-layer}: the kernel alone, or the messaging layer over it
 */
public record NodeConfig(int clusterId, MessageSizeLimit maxMessageSize, boolean store, String storeMessageDbUrl,
                         int storeMaxDbConnections, Path pluginsDirectory, Path dataDirectory, NetworkConfig network,
                         ProtocolsConfig protocols, RestConfig rest, MetricsConfig metrics, EntryLayer entryLayer) {

    /** nwaku's default archive URL. */
    public static final String DEFAULT_STORE_URL = "sqlite://store.sqlite3";

    public NodeConfig {
        if (clusterId < 0 || clusterId > RelayShard.MAX_CLUSTER_ID) {
            throw new InvalidConfigurationException("--cluster-id " + clusterId + " is outside 0.."
                    + RelayShard.MAX_CLUSTER_ID);
        }
        Objects.requireNonNull(maxMessageSize, "max message size");
        Objects.requireNonNull(storeMessageDbUrl, "store message db url");
        if (store) {
            try {
                new ArchiveDriverConfig(storeMessageDbUrl, storeMaxDbConnections);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("--store-message-db-url: " + e.getMessage());
            }
        }
        if (storeMaxDbConnections < 1) {
            throw new InvalidConfigurationException("--store-max-num-db-connections must be at least 1, got "
                    + storeMaxDbConnections);
        }
        Objects.requireNonNull(pluginsDirectory, "plugins directory");
        Objects.requireNonNull(dataDirectory, "data directory");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(protocols, "protocols");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(entryLayer, "entryLayer");
        if (entryLayer == EntryLayer.MESSAGING && protocols.numShardsInNetwork() == 0) {
            throw new InvalidConfigurationException("--entry-layer=messaging needs autosharding: "
                    + "--num-shards-in-network must be at least 1");
        }
    }

    /** A kernel node without the metrics server. */
    public NodeConfig(int clusterId, MessageSizeLimit maxMessageSize, boolean store, String storeMessageDbUrl,
                      int storeMaxDbConnections, Path pluginsDirectory, Path dataDirectory, NetworkConfig network,
                      ProtocolsConfig protocols, RestConfig rest) {
        this(clusterId, maxMessageSize, store, storeMessageDbUrl, storeMaxDbConnections, pluginsDirectory,
                dataDirectory, network, protocols, rest, MetricsConfig.disabled(), EntryLayer.KERNEL);
    }

    /** {@link #storeMessageDbUrl()} without its password, for logs: {@code postgres://user:***@host/db}. */
    public String redactedStoreUrl() {
        return storeMessageDbUrl.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/]*@", "$1:***@");
    }

    /** The configuration an archive driver is opened with. */
    public ArchiveDriverConfig archiveDriverConfig() {
        return new ArchiveDriverConfig(storeMessageDbUrl, storeMaxDbConnections);
    }
}
