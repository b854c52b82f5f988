package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.app.logging.LogLevels;
import io.logos.delivery.app.rest.json.AdminPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code /admin/v1/…}, served with {@code --rest-admin=true} only: the peer store, connecting to peers,
 * and the run-time log level.
 */
final class AdminEndpoints implements RestEndpoints {

    /** Long enough for a dial and the protocol negotiation that follows. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Peers peers;
    private final Function<PeerId, String> agents;

    /** @param agents the agent string a peer told us in identify, or {@code ""} */
    AdminEndpoints(Peers peers, Function<PeerId, String> agents) {
        this.peers = peers;
        this.agents = agents;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/admin/v1/peers", request -> peerList(peers.all())),
                Route.post("/admin/v1/peers", this::connect),
                Route.get("/admin/v1/peers/connected", request -> peerList(peers.connected())),
                Route.get("/admin/v1/peer/{peerId}", this::peer),
                Route.post("/admin/v1/log-level/{logLevel}", this::setLogLevel));
    }

    private RestResponse peerList(List<PeerInfo> infos) {
        return RestResponse.json(infos.stream().map(this::adminPeer).toList());
    }

    private RestResponse peer(RestRequest request) {
        PeerId id;
        try {
            id = new PeerId(request.pathParameter("peerId"));
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("Invalid argument: " + e.getMessage());
        }
        return peers.all().stream().filter(info -> info.peerId().equals(id)).findFirst()
                .map(info -> RestResponse.json(adminPeer(info)))
                .orElseThrow(() -> RestException.notFound("Peer " + id + " not found"));
    }

    /** Connects to each address in turn; the first that fails ends the request, naming its index. */
    private RestResponse connect(RestRequest request) {
        List<String> addresses = request.stringList();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            try {
                Await.result(peers.connect(address), CONNECT_TIMEOUT);
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

    private AdminPeer adminPeer(PeerInfo info) {
        String suffix = "/p2p/" + info.peerId();
        String multiaddr = info.addresses().stream().findFirst()
                .map(address -> address.endsWith(suffix) ? address : address + suffix).orElse("");
        return new AdminPeer(multiaddr, info.protocols().stream().sorted().toList(),
                info.shards().stream().sorted().toList(), info.connected() ? "Connected" : "NotConnected",
                agents.apply(info.peerId()), originName(info.origin()));
    }

    /** nwaku's {@code PeerOrigin} names; it has none for peers that dialed us or that rendezvous found. */
    private static String originName(PeerOrigin origin) {
        return switch (origin) {
            case STATIC -> "Static";
            case CONNECTION -> "UnknownOrigin";
            case DISCV5 -> "Discv5";
            case DNS_DISCOVERY -> "Dns";
            case PEER_EXCHANGE -> "PeerExchange";
            case RENDEZVOUS -> "Rendezvous";
            case KADEMLIA -> "Kademlia";
        };
    }
}
