package io.logos.delivery.messaging.health;

import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.messaging.ConnectionStatus;
import java.util.Collection;

/**
 * The connection status from the connected peers and the protocols they serve, as nwaku computes it: enough relay
 * peers make a relaying node Connected; otherwise the node needs a light push, a filter and a store peer to be
 * online at all, and two of each to be Connected.
 */
public final class ConnectionStatusRule {

    static final String RELAY = "/vac/waku/relay/2.0.0";
    static final String LIGHTPUSH = "/vac/waku/lightpush/3.0.0";
    static final String FILTER = "/vac/waku/filter-subscribe/2.0.0-beta1";
    static final String STORE = "/vac/waku/store-query/3.0.0";

    /** Gossipsub's D_low: with this many relay peers the mesh can be kept. */
    static final int RELAY_PEERS_CONNECTED = 4;
    /** Service peers of each kind for redundancy (nwaku's HealthyThreshold). */
    static final int SERVICE_PEERS_CONNECTED = 2;

    private ConnectionStatusRule() {
    }

    /**
     * @param relaying whether the node relays (its relay peers count)
     * @param connected the connected peers, with the protocols identify reported
     */
    public static ConnectionStatus of(boolean relaying, Collection<PeerInfo> connected) {
        if (relaying) {
            long relayPeers = serving(connected, RELAY);
            if (relayPeers >= RELAY_PEERS_CONNECTED) {
                return ConnectionStatus.CONNECTED;
            }
            if (relayPeers > 0) {
                return ConnectionStatus.PARTIALLY_CONNECTED;
            }
        }
        long lightpush = serving(connected, LIGHTPUSH);
        long filter = serving(connected, FILTER);
        long store = serving(connected, STORE);
        if (lightpush == 0 || filter == 0 || store == 0) {
            return ConnectionStatus.DISCONNECTED;
        }
        if (lightpush >= SERVICE_PEERS_CONNECTED && filter >= SERVICE_PEERS_CONNECTED
                && store >= SERVICE_PEERS_CONNECTED) {
            return ConnectionStatus.CONNECTED;
        }
        return ConnectionStatus.PARTIALLY_CONNECTED;
    }

    private static long serving(Collection<PeerInfo> connected, String protocol) {
        return connected.stream().filter(peer -> peer.connected() && peer.protocols().contains(protocol)).count();
    }
}
