package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.app.logging.LogLevels;
import io.logos.delivery.app.rest.json.AdminPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code /admin/v1/…}, served with {@code --rest-admin=true} only: the peer store, the service peers, connecting
 * to peers, and the run-time log level. The relay and filter views are {@link AdminRelayEndpoints} and
 * {@link AdminFilterEndpoints}.
 */
final class AdminEndpoints implements RestEndpoints {

    /** Long enough for a dial and the protocol negotiation that follows. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** nwaku's service protocols, in the order its {@code /admin/v1/peers/service} lists them. */
    static final List<String> SERVICE_PROTOCOLS = List.of(WakuCodecs.RELAY, WakuCodecs.FILTER_SUBSCRIBE,
            WakuCodecs.STORE, WakuCodecs.LEGACY_LIGHTPUSH, WakuCodecs.LIGHTPUSH, WakuCodecs.PEER_EXCHANGE,
            WakuCodecs.RECONCILIATION, WakuCodecs.TRANSFER);

    private final AdminPeers peers;

    AdminEndpoints(AdminPeers peers) {
        this.peers = peers;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/admin/v1/peers", request -> RestResponse.json(peers.all())),
                Route.post("/admin/v1/peers", this::connect),
                Route.get("/admin/v1/peers/connected", request -> RestResponse.json(peers.connected())),
                Route.get("/admin/v1/peers/connected/on/{" + ShardIdParameter.NAME + "}", this::connectedOnShard),
                Route.get("/admin/v1/peers/service", request -> RestResponse.json(servicePeers())),
                Route.get("/admin/v1/peer/{peerId}", this::peer),
                Route.post("/admin/v1/log-level/{logLevel}", this::setLogLevel));
    }

    private RestResponse connectedOnShard(RestRequest request) {
        int shard = ShardIdParameter.of(request);
        return RestResponse.json(peers.store().connected().stream().filter(info -> info.shards().contains(shard))
                .map(peers::of).toList());
    }

    /** Each peer that serves one of nwaku's service protocols, with those of them it serves. */
    private List<AdminPeer> servicePeers() {
        List<AdminPeer> listed = new ArrayList<>();
        for (PeerInfo info : peers.store().all()) {
            List<String> served = SERVICE_PROTOCOLS.stream().filter(info.protocols()::contains).toList();
            if (!served.isEmpty()) {
                listed.add(peers.of(info, served));
            }
        }
        return listed;
    }

    private RestResponse peer(RestRequest request) {
        PeerId id;
        try {
            id = new PeerId(request.pathParameter("peerId"));
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Invalid argument: " + e.getMessage());
        }
        return peers.store().all().stream().filter(info -> info.peerId().equals(id)).findFirst()
                .map(info -> RestResponse.json(peers.of(info)))
                .orElseThrow(() -> RestException.notFound("Peer " + id + " not found"));
    }

    /** Connects to each address in turn; the first that fails ends the request, naming its index. */
    private RestResponse connect(RestRequest request) {
        List<String> addresses = request.stringList();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            try {
                Await.result(peers.store().connect(address), CONNECT_TIMEOUT);
            } catch (TimeoutException | CompletionException e) {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                String reason = cause instanceof IllegalArgumentException
                        ? "Couldn't parse remote peer info: " + cause.getMessage()
                        : "Failed to connect to peer at index: " + i + " - " + address;
                throw RestException.badRequest(reason);
            }
        }
        return RestResponse.ok();
    }

    private RestResponse setLogLevel(RestRequest request) {
        String level = request.pathParameter("logLevel");
        try {
            LogLevels.set(level);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Invalid log-level: " + level
                    + ". Please specify one of TRACE, DEBUG, INFO, NOTICE, WARN, ERROR or FATAL");
        }
        return RestResponse.ok();
    }
}
