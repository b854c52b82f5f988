package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.app.rest.json.PeersOfShard;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * nwaku's relay views of the admin API: the relay peers (connected peers subscribed to a shard) and the mesh
 * peers of each shard we relay, and the peer statistics ({@code /admin/v1/peers/stats}). Served with
 * {@code --rest-admin=true}; the relay routes answer 503 when the node does not relay.
 */
final class AdminRelayEndpoints implements RestEndpoints {

    static final String RELAY_OFF = "Error: Relay Protocol is not mounted to the node";
    /** The protocols nwaku's statistics count peers by, in its order. */
    private static final List<String> COUNTED_PROTOCOLS = List.of(WakuCodecs.RELAY, WakuCodecs.FILTER_SUBSCRIBE,
            WakuCodecs.FILTER_PUSH, WakuCodecs.STORE, WakuCodecs.LIGHTPUSH, WakuCodecs.LEGACY_LIGHTPUSH,
            WakuCodecs.PEER_EXCHANGE, WakuCodecs.RECONCILIATION);

    private final Optional<Relay> relay;
    private final int clusterId;
    private final AdminPeers peers;

    AdminRelayEndpoints(Optional<Relay> relay, int clusterId, AdminPeers peers) {
        this.relay = relay;
        this.clusterId = clusterId;
        this.peers = peers;
    }

    @Override
    public List<Route> routes() {
        String onShard = "/on/{" + ShardIdParameter.NAME + "}";
        return List.of(
                Route.get("/admin/v1/peers/relay", request -> RestResponse.json(
                        peersOfShards(mountedRelay(), Relay::topicPeers))),
                Route.get("/admin/v1/peers/relay" + onShard, request -> RestResponse.json(
                        peersOfShard(mountedRelay(), ShardIdParameter.of(request), Relay::topicPeers))),
                Route.get("/admin/v1/peers/mesh", request -> RestResponse.json(
                        peersOfShards(mountedRelay(), Relay::meshPeers))),
                Route.get("/admin/v1/peers/mesh" + onShard, request -> RestResponse.json(
                        peersOfShard(mountedRelay(), ShardIdParameter.of(request), Relay::meshPeers))),
                Route.get("/admin/v1/peers/stats", request -> RestResponse.json(stats())));
    }

    private Relay mountedRelay() {
        return relay.orElseThrow(() -> new RestException(503, RELAY_OFF));
    }

    /** One entry per subscribed shard, by shard number; topics that are not shards are left out, as nwaku does. */
    private List<PeersOfShard> peersOfShards(Relay mounted, BiFunction<Relay, PubsubTopic,
            CompletableFuture<Set<PeerId>>> view) {
        return mounted.subscriptions().stream()
                .flatMap(topic -> topic.shard().stream())
                .sorted(Comparator.comparingInt(RelayShard::shardId))
                .map(shard -> new PeersOfShard(shard.shardId(), peers.of(awaited(view.apply(mounted,
                        shard.toPubsubTopic())))))
                .toList();
    }

    /** The shard of our cluster numbered {@code shardId}; empty peers when we do not relay it. */
    private PeersOfShard peersOfShard(Relay mounted, int shardId, BiFunction<Relay, PubsubTopic,
            CompletableFuture<Set<PeerId>>> view) {
        PubsubTopic topic = new RelayShard(clusterId, shardId).toPubsubTopic();
        return new PeersOfShard(shardId, peers.of(awaited(view.apply(mounted, topic))));
    }

    /** nwaku's table of counters: groups of named counts, in its order. */
    private Map<String, Map<String, Integer>> stats() {
        List<PeerInfo> all = peers.store().all();
        Map<String, Map<String, Integer>> stats = new LinkedHashMap<>();
        stats.put("Sum", Map.of("Total peers", all.size()));
        Map<String, Integer> connectedness = new LinkedHashMap<>();
        for (String state : List.of("Connected", "NotConnected", "CannotConnect", "CanConnect")) {
            connectedness.put(state, (int) all.stream().filter(info -> AdminPeers.connectedness(info).equals(state))
                    .count());
        }
        stats.put("By Connectedness", connectedness);
        List<PeersOfShard> relayPeers = relay.map(mounted -> peersOfShards(mounted, Relay::topicPeers))
                .orElse(List.of());
        List<PeersOfShard> meshPeers = relay.map(mounted -> peersOfShards(mounted, Relay::meshPeers))
                .orElse(List.of());
        stats.put("Relay peers", perShard(relayPeers, "Total relay peers"));
        stats.put("Mesh peers", perShard(meshPeers, "Total mesh peers"));
        Map<String, Integer> byProtocol = new LinkedHashMap<>();
        for (String protocol : COUNTED_PROTOCOLS) {
            byProtocol.put(protocol, (int) all.stream().filter(info -> info.protocols().contains(protocol)).count());
        }
        stats.put("By Protocols", byProtocol);
        return stats;
    }

    private static Map<String, Integer> perShard(List<PeersOfShard> shards, String totalName) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (PeersOfShard shard : shards) {
            counts.put(Integer.toString(shard.shard()), shard.peers().size());
            total += shard.peers().size();
        }
        counts.put(totalName, total);
        return counts;
    }

    private static Set<PeerId> awaited(CompletableFuture<Set<PeerId>> peers) {
        try {
            return Await.result(peers);
        } catch (TimeoutException e) {
            throw new RestException(503, "the relay did not list its peers within " + Await.NODE_TIMEOUT);
        } catch (CompletionException e) {
            throw new RestException(500, "the relay could not list its peers: " + e.getCause().getMessage());
        }
    }
}
