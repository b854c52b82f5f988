package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.app.rest.json.HealthReport;
import io.logos.delivery.app.rest.json.ProtocolHealth;
import io.logos.delivery.kernel.lightpush.LightpushProtocols;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /health}: nwaku's health report. Each protocol is {@code NOT_MOUNTED}, {@code READY} or
 * {@code NOT_READY} with the reason: relay is ready with a connected relay peer, the services it feeds
 * (light push, filter) when relay is, the light clients with a connected peer that serves them. The
 * connection status is nwaku's: {@code Connected} with D_low relay peers, {@code PartiallyConnected}
 * with fewer; without relay peers an edge node needs light push and filter service peers (nwaku also
 * asks for a store peer; this node has no store client yet).
 */
final class HealthEndpoints implements RestEndpoints {

    /** gossipsub's D_low: the relay peers for {@code Connected}. */
    private static final int RELAY_PEERS_FOR_CONNECTED = 4;
    /** nwaku's {@code HealthyThreshold}: the service peers per kind for a robust edge node. */
    private static final int SERVICE_PEERS_FOR_CONNECTED = 2;

    private final WakuNode node;

    HealthEndpoints(WakuNode node) {
        this.node = node;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/health", request -> RestResponse.json(report())));
    }

    HealthReport report() {
        List<String> mounted = node.protocols();
        List<PeerInfo> connected = node.peers().connected();
        int relayPeers = serving(connected, PeerManagerConfig.RELAY_PROTOCOL);
        int lightpushPeers = Math.max(serving(connected, PeerManagerConfig.LIGHTPUSH_PROTOCOL),
                serving(connected, LightpushProtocols.LEGACY));
        int filterPeers = serving(connected, PeerManagerConfig.FILTER_PROTOCOL);
        boolean relayMounted = node.relay().isPresent();
        boolean relayReady = relayMounted && relayPeers > 0;

        List<ProtocolHealth> protocols = new ArrayList<>();
        protocols.add(!relayMounted ? notMounted("Relay") : status("Relay", relayReady, "No connected peers"));
        String noRelayPeers = "Node has no relay peers to fulfill push requests";
        protocols.add(service("Lightpush", mounted.contains(PeerManagerConfig.LIGHTPUSH_PROTOCOL), relayReady,
                noRelayPeers));
        protocols.add(service("Legacy Lightpush", mounted.contains(LightpushProtocols.LEGACY), relayReady,
                noRelayPeers));
        protocols.add(service("Filter", mounted.contains(PeerManagerConfig.FILTER_PROTOCOL), relayReady,
                "Relay is not ready, filter will not be able to sort out messages"));
        protocols.add(service("Store", mounted.contains(PeerManagerConfig.STORE_PROTOCOL), true, ""));
        String noLightpushPeer = "No Lightpush service peer available yet";
        protocols.add(status("Lightpush Client", serving(connected, PeerManagerConfig.LIGHTPUSH_PROTOCOL) > 0,
                noLightpushPeer));
        protocols.add(status("Legacy Lightpush Client", serving(connected, LightpushProtocols.LEGACY) > 0,
                noLightpushPeer));
        protocols.add(status("Filter Client", filterPeers > 0, "No Filter service peer available yet"));
        return new HealthReport("READY", connectionStatus(relayPeers, lightpushPeers, filterPeers), protocols);
    }

    private static String connectionStatus(int relayPeers, int lightpushPeers, int filterPeers) {
        if (relayPeers >= RELAY_PEERS_FOR_CONNECTED) {
            return "Connected";
        }
        if (relayPeers > 0) {
            return "PartiallyConnected";
        }
        if (lightpushPeers == 0 || filterPeers == 0) {
            return "Disconnected";
        }
        return lightpushPeers >= SERVICE_PEERS_FOR_CONNECTED && filterPeers >= SERVICE_PEERS_FOR_CONNECTED
                ? "Connected" : "PartiallyConnected";
    }

    private static int serving(List<PeerInfo> peers, String protocol) {
        return (int) peers.stream().filter(peer -> peer.protocols().contains(protocol)).count();
    }

    private static ProtocolHealth service(String name, boolean mounted, boolean ready, String notReadyReason) {
        return mounted ? status(name, ready, notReadyReason) : notMounted(name);
    }

    private static ProtocolHealth status(String name, boolean ready, String notReadyReason) {
        return ready ? new ProtocolHealth(name, "READY", Optional.empty())
                : new ProtocolHealth(name, "NOT_READY", Optional.of(notReadyReason));
    }

    private static ProtocolHealth notMounted(String name) {
        return new ProtocolHealth(name, "NOT_MOUNTED", Optional.empty());
    }
}
