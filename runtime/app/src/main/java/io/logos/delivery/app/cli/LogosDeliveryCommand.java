package io.logos.delivery.app.cli;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.Version;
import io.logos.delivery.app.cli.config.ConfigurationResolver;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.MetricsConfig;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.app.logging.LogFormat;
import io.logos.delivery.app.logging.LogLevel;
import io.logos.delivery.app.logging.LogLevels;
import io.logos.delivery.app.logging.NodeFigures;
import io.logos.delivery.app.logging.PeriodicSummary;
import io.logos.delivery.app.plugin.InstalledPlugin;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginLoader;
import io.logos.delivery.app.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code logos-delivery}: runs a node. Flag names and defaults follow nwaku's {@code wakunode2}. */
@Command(name = "logos-delivery", mixinStandardHelpOptions = true, versionProvider = LogosDeliveryCommand.BuildVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs a Logos Delivery (Waku v2) node. Stop it with Ctrl-C or SIGTERM.",
        footer = {"", "Every option that takes a value can also be set by an environment variable, WAKUNODE2_ and the "
                + "flag in upper snake case (WAKUNODE2_TCP_PORT=60001, lists comma-separated: WAKUNODE2_SHARD=0,1), "
                + "or in the --config-file (tcp-port = 60001). Precedence: flag, environment, file, preset, default."})
final class LogosDeliveryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    // read by ConfigurationResolver before the command runs: the file's values arrive as arguments
    @Option(names = ConfigurationResolver.CONFIG_FILE, paramLabel = "<file>",
            description = "TOML file of options (keys are the flags without dashes, e.g. tcp-port = 60001). "
                    + "Precedence: flags, then WAKUNODE2_* environment variables, then this file, then the preset.")
    private Path configFile;

    // read by ConfigurationResolver before the command runs: the preset's values arrive as arguments
    @Option(names = ConfigurationResolver.PRESET, paramLabel = "<name>",
            description = "Network preset: twn (The Waku Network: cluster 1, 8 shards, 150KiB messages). "
                    + "Explicit flags, environment variables and the config file override it.")
    private String preset;

    @Option(names = "--cluster-id", paramLabel = "<id>", defaultValue = "0",
            description = "Cluster id of the network (0..65535; 1 is The Waku Network). Default: ${DEFAULT-VALUE}.")
    private int clusterId;

    @Option(names = "--max-msg-size", paramLabel = "<size>", defaultValue = "150KiB", converter = MessageSizeConverter.class,
            description = "Largest accepted message, with unit B, KB or KiB. Default: ${DEFAULT-VALUE}.")
    private MessageSizeLimit maxMessageSize;

    @Option(names = "--entry-layer", paramLabel = "<layer>", defaultValue = "kernel",
            description = "kernel (relay, light push, filter, store: an operator's node) or messaging (adds the "
                    + "messaging API: reliable send, receive with store backfill, health, /messaging/v1). "
                    + "Default: ${DEFAULT-VALUE}.")
    private EntryLayer entryLayer;

    @Option(names = "--mode", paramLabel = "<mode>",
            description = "edge: light push, filter and store clients only (--relay, --lightpush and --filter off); "
                    + "core: relay with the light push and filter services (all three on). Unset: those flags decide.")
    private Mode mode;

    @Option(names = "--relay", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "<bool>",
            description = "Relay messages (gossipsub on /vac/waku/relay/2.0.0). Default: ${DEFAULT-VALUE}.")
    private boolean relay;

    @Option(names = "--lightpush", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "<bool>",
            description = "Serve light push v3 and v2 to light clients (needs relay). Default: ${DEFAULT-VALUE}.")
    private boolean lightpush;

    @Option(names = "--filter", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "<bool>",
            description = "Serve filter v2 to light clients (needs relay). Default: ${DEFAULT-VALUE}.")
    private boolean filter;

    @Option(names = "--shard", paramLabel = "<shard>",
            description = "Shard to serve, repeatable. Default: every shard of the network.")
    private List<Integer> shards = new ArrayList<>();

    @Option(names = "--num-shards-in-network", paramLabel = "<n>", defaultValue = "1",
            description = "Shards of the network for autosharding; 0 means static sharding. Default: ${DEFAULT-VALUE}.")
    private int numShardsInNetwork;

    @Option(names = "--staticnode", paramLabel = "<multiaddr>",
            description = "Peer to keep connected, repeatable (/ip4/…/tcp/…/p2p/…).")
    private List<String> staticNodes = new ArrayList<>();

    @Option(names = "--storenode", paramLabel = "<multiaddr>", description = "Store service peer.")
    private String storeNode;

    @Option(names = "--filternode", paramLabel = "<multiaddr>", description = "Filter service peer.")
    private String filterNode;

    @Option(names = "--lightpushnode", paramLabel = "<multiaddr>", description = "Light push service peer.")
    private String lightpushNode;

    @Option(names = "--rate-limit", paramLabel = "<[proto:]volume/period>",
            description = "Request rate limit, repeatable: [lightpush|filter|store|px:]<volume>/<period><ms|s|m|h>, "
                    + "e.g. lightpush:100/1s. Default: light push unlimited, filter 30/1m per peer.")
    private List<String> rateLimits = new ArrayList<>();

    @Option(names = "--filter-max-peers-to-serve", paramLabel = "<n>", defaultValue = "1000",
            description = "Most filter subscribers served. Default: ${DEFAULT-VALUE}.")
    private int filterMaxPeersToServe;

    @Option(names = "--filter-max-criteria", paramLabel = "<n>", defaultValue = "1000",
            description = "Most filter criteria per subscriber. Default: ${DEFAULT-VALUE}.")
    private int filterMaxCriteria;

    @Option(names = "--filter-subscription-timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "Seconds a filter subscription lives without a ping. Default: ${DEFAULT-VALUE}.")
    private int filterSubscriptionTimeout;

    @Option(names = "--store", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "<bool>",
            description = "Keep an archive of relayed messages (store service node). Default: ${DEFAULT-VALUE}.")
    private boolean store;

    @Option(names = "--store-message-db-url", paramLabel = "<url>", defaultValue = NodeConfig.DEFAULT_STORE_URL,
            description = "Archive database; its scheme picks the driver plugin (memory://, sqlite://, postgres://). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String storeMessageDbUrl;

    @Option(names = "--store-message-retention-policy", paramLabel = "<policy>",
            defaultValue = ProtocolsConfig.DEFAULT_RETENTION_POLICY,
            description = "Archive retention: time:<seconds>, capacity:<count>, size:<n>MB|GB, joined with ';'. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String storeRetentionPolicy;

    @Option(names = "--store-resume", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "<bool>",
            description = "After start, fetch the messages missed while down from a store peer (--storenode). "
                    + "Default: ${DEFAULT-VALUE}.")
    private boolean storeResume;

    @Option(names = "--store-max-num-db-connections", paramLabel = "<n>", defaultValue = "50",
            description = "Largest database connection pool of the archive. Default: ${DEFAULT-VALUE}.")
    private int storeMaxDbConnections;

    @Option(names = "--listen-address", paramLabel = "<ip>", defaultValue = "0.0.0.0",
            description = "IP address to listen on. Default: ${DEFAULT-VALUE}.")
    private String listenAddress;

    @Option(names = "--tcp-port", paramLabel = "<port>", defaultValue = "" + NetworkConfig.DEFAULT_TCP_PORT,
            description = "libp2p TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int tcpPort;

    @Option(names = "--websocket-support", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "<bool>", description = "Also listen for libp2p over WebSocket. Default: ${DEFAULT-VALUE}.")
    private boolean websocketSupport;

    @Option(names = "--websocket-port", paramLabel = "<port>", defaultValue = "" + NetworkConfig.DEFAULT_WEBSOCKET_PORT,
            description = "WebSocket port. Default: ${DEFAULT-VALUE}.")
    private int websocketPort;

    @Option(names = "--websocket-secure-support", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "<bool>", description = "Serve the WebSocket port with TLS (wss). Default: ${DEFAULT-VALUE}.")
    private boolean websocketSecureSupport;

    @Option(names = "--websocket-secure-key-path", paramLabel = "<file>", description = "TLS private key (PEM) for wss.")
    private Path websocketSecureKeyPath;

    @Option(names = "--websocket-secure-cert-path", paramLabel = "<file>",
            description = "TLS certificate chain (PEM) for wss.")
    private Path websocketSecureCertPath;

    @Option(names = "--max-connections", paramLabel = "<n>", defaultValue = "150",
            description = "Most libp2p connections kept. Default: ${DEFAULT-VALUE}.")
    private int maxConnections;

    @Option(names = "--nodekey", paramLabel = "<hex>",
            description = "secp256k1 private key, 64 hex digits. Default: a key generated once and kept in the data folder.")
    private String nodeKey;

    @Option(names = "--agent-string", paramLabel = "<text>",
            description = "Agent version told to peers. Default: logos-delivery-<version>.")
    private String agentString;

    @Option(names = "--local-storage-path", paramLabel = "<dir>", defaultValue = "data",
            description = "Folder for local state such as the node key. Default: ${DEFAULT-VALUE}.")
    private Path dataDirectory;

    @Option(names = "--log-level", paramLabel = "<level>", defaultValue = "INFO",
            description = "One of ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private LogLevel logLevel;

    @Option(names = "--log-format", paramLabel = "<format>", defaultValue = "TEXT",
            description = "TEXT, or JSON for one JSON object per line. Default: ${DEFAULT-VALUE}.")
    private LogFormat logFormat;

    @Option(names = "--metrics-logging", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            paramLabel = "<bool>", description = "Log a summary line (peers, relay shards) periodically. "
                    + "Default: ${DEFAULT-VALUE}.")
    private boolean metricsLogging;

    @Option(names = "--metrics-logging-interval", paramLabel = "<duration>", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Time between summary lines, with unit ms, s, m or h. Default: ${DEFAULT-VALUE}.")
    private Duration metricsLoggingInterval;

    @Option(names = "--metrics-server", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "<bool>", description = "Serve Prometheus metrics at /metrics. Default: ${DEFAULT-VALUE}.")
    private boolean metricsServer;

    @Option(names = "--metrics-server-address", paramLabel = "<ip>", defaultValue = MetricsConfig.DEFAULT_ADDRESS,
            description = "IP address the metrics server listens on. Default: ${DEFAULT-VALUE}.")
    private String metricsServerAddress;

    @Option(names = "--metrics-server-port", paramLabel = "<port>", defaultValue = "" + MetricsConfig.DEFAULT_PORT,
            description = "Metrics server port (0: any free port, logged at start). Default: ${DEFAULT-VALUE}.")
    private int metricsServerPort;

    @Option(names = "--metrics-prefix", paramLabel = "<prefix>", defaultValue = MetricsConfig.DEFAULT_PREFIX,
            description = "Namespace of the node's metric names, in place of nwaku's waku (logos_delivery gives "
                    + "logos-delivery's names). Default: ${DEFAULT-VALUE}.")
    private String metricsPrefix;

    @Option(names = "--rest", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "<bool>",
            description = "Serve the REST API (nwaku's paths, see /openapi.yaml). Default: ${DEFAULT-VALUE}.")
    private boolean rest;

    @Option(names = "--rest-address", paramLabel = "<ip>", defaultValue = RestConfig.DEFAULT_ADDRESS,
            description = "IP address the REST API listens on. Default: ${DEFAULT-VALUE}.")
    private String restAddress;

    @Option(names = "--rest-port", paramLabel = "<port>", defaultValue = "" + RestConfig.DEFAULT_PORT,
            description = "REST API port (0: any free port, logged at start). Default: ${DEFAULT-VALUE}.")
    private int restPort;

    @Option(names = "--rest-admin", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "<bool>", description = "Serve the /admin REST endpoints (peers, log level). "
                    + "Default: ${DEFAULT-VALUE}.")
    private boolean restAdmin;

    @Option(names = "--rest-allow-origin", paramLabel = "<origin>",
            description = "Origin browsers may call the REST API from (CORS), repeatable: * for any, or e.g. "
                    + "http://localhost:* with * and ? as wildcards. Default: none (no CORS headers).")
    private List<String> restAllowOrigins = new ArrayList<>();

    @Option(names = "--rest-relay-cache-capacity", paramLabel = "<n>",
            defaultValue = "" + RestConfig.DEFAULT_RELAY_CACHE_CAPACITY,
            description = "Relay messages kept for GET /relay/v1/messages. Default: ${DEFAULT-VALUE}.")
    private int restRelayCacheCapacity;

    @Option(names = "--plugins-dir", paramLabel = "<dir>",
            description = "Folder of plugin jars. Default: plugins/ of the installation, else ./plugins.")
    private Path pluginsDirectory;

    @Option(names = "--list-plugins", description = "Print the plugins found (SPI, name, version, jar) and exit.")
    private boolean listPlugins;

    // handled by Main before call(): printing the configuration needs every value's source
    @Option(names = Main.DUMP_CONFIG, description = "Print the effective configuration as a TOML config file and exit.")
    private boolean dumpConfig;

    private final ShutdownSignal shutdownSignal;

    LogosDeliveryCommand(ShutdownSignal shutdownSignal) {
        this.shutdownSignal = shutdownSignal;
    }

    @Override
    public Integer call() throws InterruptedException {
        logFormat.apply();
        LogLevels.set(logLevel);
        NodeConfig config = new NodeConfig(clusterId, maxMessageSize, store, storeMessageDbUrl, storeMaxDbConnections,
                pluginsDirectory != null ? pluginsDirectory : defaultPluginsDirectory(), dataDirectory,
                networkConfig(), protocolsConfig(), restConfig(), metricsConfig(), entryLayer);
        PluginRegistry plugins = new PluginLoader(NodeSpis.ALL).load(config.pluginsDirectory());
        if (listPlugins) {
            printPlugins(plugins, spec.commandLine().getOut());
            return 0;
        }
        // a null resource is skipped: no summary with --metrics-logging=false; it stops before the node
        try (LogosDelivery node = LogosDelivery.start(config, plugins);
             PeriodicSummary summary = metricsLogging ? startSummary(node) : null) {
            shutdownSignal.await();
        }
        return 0;
    }

    private PeriodicSummary startSummary(LogosDelivery node) {
        return PeriodicSummary.start(NodeFigures.of(node.kernel()), metricsLoggingInterval);
    }

    private NetworkConfig networkConfig() {
        Optional<NetworkConfig.TlsFiles> tls = Optional.empty();
        if (websocketSecureSupport) {
            if (websocketSecureKeyPath == null || websocketSecureCertPath == null) {
                throw new InvalidConfigurationException(
                        "--websocket-secure-support needs --websocket-secure-key-path and --websocket-secure-cert-path");
            }
            tls = Optional.of(new NetworkConfig.TlsFiles(websocketSecureKeyPath, websocketSecureCertPath));
        }
        return new NetworkConfig(listenAddress, tcpPort, websocketSupport, websocketPort, tls, maxConnections,
                Optional.ofNullable(nodeKey), agentString != null ? agentString : "logos-delivery-" + Version.current());
    }

    /** The protocols the flags mount, unless {@code --mode} chose them. */
    private ProtocolsConfig protocolsConfig() {
        boolean core = mode == Mode.CORE;
        boolean relay = mode == null ? this.relay : core;
        boolean lightpush = mode == null ? this.lightpush : core;
        boolean filter = mode == null ? this.filter : core;
        return new ProtocolsConfig(relay, lightpush, filter, shards, numShardsInNetwork, staticNodes,
                Optional.ofNullable(storeNode), Optional.ofNullable(filterNode), Optional.ofNullable(lightpushNode),
                rateLimits, filterMaxPeersToServe, filterMaxCriteria, filterSubscriptionTimeout, storeRetentionPolicy,
                storeResume);
    }

    private RestConfig restConfig() {
        return new RestConfig(rest, restAddress, restPort, restAdmin, restAllowOrigins, restRelayCacheCapacity);
    }

    private MetricsConfig metricsConfig() {
        return new MetricsConfig(metricsServer, metricsServerAddress, metricsServerPort, metricsPrefix);
    }

    private static Path defaultPluginsDirectory() {
        String home = System.getProperty("logos.delivery.home");
        return home != null ? Path.of(home, "plugins") : Path.of("plugins");
    }

    private static void printPlugins(PluginRegistry plugins, PrintWriter out) {
        String format = "%-16s %-12s %-16s %s%n";
        out.printf(format, "SPI", "NAME", "VERSION", "LOCATION");
        for (InstalledPlugin<?> plugin : plugins.all()) {
            out.printf(format, plugin.spi().kind(), plugin.name(), plugin.version(), plugin.location());
        }
        out.flush();
    }

    static final class BuildVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"logos-delivery " + Version.current()};
        }
    }
}
