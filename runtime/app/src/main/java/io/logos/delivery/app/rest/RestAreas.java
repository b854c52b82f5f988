package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.libp2p.host.PeerIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The areas of the REST API a node serves, chosen by its configuration as nwaku chooses them; an area
 * that is off answers 404 naming the flag that turns it on. A new area is one more {@link RestEndpoints}
 * added in {@link #of}.
 *
 * @param endpoints   the served areas
 * @param unavailable by first path segment, why an area is not served
 */
record RestAreas(List<RestEndpoints> endpoints, Map<String, String> unavailable) {

    /** The filter message cache's size: nwaku's default cache capacity. */
    static final int FILTER_CACHE_CAPACITY = 50;

    RestAreas {
        endpoints = List.copyOf(endpoints);
        unavailable = Map.copyOf(unavailable);
    }

    static RestAreas of(KernelNode node, Optional<MessagingApi> messaging, NodeConfig config, String version,
                        Clock clock) {
        RestConfig rest = config.rest();
        Optional<AutoSharding> autoSharding = config.protocols().numShardsInNetwork() > 0
                ? Optional.of(new AutoSharding(config.clusterId(), config.protocols().numShardsInNetwork()))
                : Optional.empty();
        List<RestEndpoints> endpoints = new ArrayList<>();
        Map<String, String> unavailable = new HashMap<>();
        endpoints.add(new HealthEndpoints(node));
        endpoints.add(new DebugEndpoints(node, version));
        endpoints.add(new OpenApiEndpoint());
        if (rest.admin()) {
            AdminPeers peers = new AdminPeers(node.peers(), agents(node));
            endpoints.add(new AdminEndpoints(peers));
            endpoints.add(new AdminRelayEndpoints(node.relay(), config.clusterId(), peers));
            endpoints.add(new AdminFilterEndpoints(node.filterServer()));
        } else {
            unavailable.put("admin", "/admin endpoints are not available. Please check your configuration: "
                    + "--rest-admin=true");
        }
        node.relay().ifPresentOrElse(
                relay -> endpoints.add(new RelayEndpoints(relay, new MessageCache(rest.relayCacheCapacity()), clock)),
                () -> unavailable.put("relay", "/relay endpoints are not available. Please check your "
                        + "configuration: --relay"));
        endpoints.add(new LightpushEndpoints(node.lightpush(), autoSharding, clock));
        endpoints.add(new FilterEndpoints(node.filter(), autoSharding, new MessageCache(FILTER_CACHE_CAPACITY)));
        endpoints.add(new StoreEndpoints(node.storeServer(), node.store(), node.peers(), node.peerManager()));
        messaging.ifPresentOrElse(api -> endpoints.add(new MessagingEndpoints(api, clock)),
                () -> unavailable.put("messaging", "/messaging endpoints are not available. Please check your "
                        + "configuration: --entry-layer=messaging"));
        return new RestAreas(endpoints, unavailable);
    }

    /** The agent a peer told us in identify. */
    private static Function<PeerId, String> agents(KernelNode node) {
        return peer -> node.host().identity(PeerIds.fromApi(peer)).map(PeerIdentity::agentVersion).orElse("");
    }

    List<Route> routes() {
        return endpoints.stream().flatMap(area -> area.routes().stream()).toList();
    }

    /** Releases what the areas hold on the node (listeners). */
    void close() {
        endpoints.forEach(RestEndpoints::close);
    }
}
