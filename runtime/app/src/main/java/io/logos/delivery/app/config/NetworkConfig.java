package io.logos.delivery.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the node talks to peers. Names follow nwaku's flags.
 *
 * @param listenAddress {@code --listen-address}: the IP to bind
 * @param tcpPort {@code --tcp-port}; 0 picks a free port
 * @param websocketSupport {@code --websocket-support}
 * @param websocketPort {@code --websocket-port}
 * @param websocketSecure {@code --websocket-secure-support} with the key and certificate paths (PEM)
 * @param maxConnections {@code --max-connections}
 * @param nodeKey {@code --nodekey}: 64 hex digits of a secp256k1 key; otherwise a key kept in the data folder
 * @param agentString {@code --agent-string}: what identify tells peers
 */
public record NetworkConfig(String listenAddress, int tcpPort, boolean websocketSupport, int websocketPort,
                            Optional<TlsFiles> websocketSecure, int maxConnections, Optional<String> nodeKey,
                            String agentString) {

    public static final int DEFAULT_TCP_PORT = 60000;
    public static final int DEFAULT_WEBSOCKET_PORT = 8000;

    /** A PEM private key and certificate chain. */
    public record TlsFiles(Path key, Path certificate) {
    }

    public NetworkConfig {
        Objects.requireNonNull(listenAddress, "listen address");
        checkPort("--tcp-port", tcpPort);
        checkPort("--websocket-port", websocketPort);
        Objects.requireNonNull(websocketSecure, "websocket secure");
        if (maxConnections < 1) {
            throw new InvalidConfigurationException("--max-connections must be at least 1, got " + maxConnections);
        }
        Objects.requireNonNull(nodeKey, "node key");
        Objects.requireNonNull(agentString, "agent string");
    }

    private static void checkPort(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidConfigurationException(flag + " " + port + " is outside 0..65535");
        }
    }

    /** The libp2p listen multiaddrs: TCP always, WebSocket (ws, or wss with TLS files) when enabled. */
    public List<String> listenMultiaddrs() {
        String ipProtocol = listenAddress.contains(":") ? "ip6" : "ip4";
        String ip = "/" + ipProtocol + "/" + listenAddress;
        List<String> addresses = new ArrayList<>(List.of(ip + "/tcp/" + tcpPort));
        if (websocketSupport || websocketSecure.isPresent()) {
            addresses.add(ip + "/tcp/" + websocketPort + (websocketSecure.isPresent() ? "/wss" : "/ws"));
        }
        return addresses;
    }
}
