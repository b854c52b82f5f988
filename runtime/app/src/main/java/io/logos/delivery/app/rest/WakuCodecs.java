package io.logos.delivery.app.rest;

import io.logos.delivery.kernel.filter.FilterProtocol;
import io.logos.delivery.kernel.lightpush.LightpushProtocols;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.kernel.store.StoreProtocol;

/**
 * The Waku protocol ids nwaku's admin endpoints count peers by, including those this node does not mount yet
 * (peer exchange, store sync), so that peers speaking them are still shown.
 */
final class WakuCodecs {

    static final String RELAY = PeerManagerConfig.RELAY_PROTOCOL;
    static final String FILTER_SUBSCRIBE = FilterProtocol.SUBSCRIBE_ID;
    static final String FILTER_PUSH = FilterProtocol.PUSH_ID;
    static final String STORE = StoreProtocol.ID;
    static final String LIGHTPUSH = LightpushProtocols.V3;
    static final String LEGACY_LIGHTPUSH = LightpushProtocols.LEGACY;
    static final String PEER_EXCHANGE = "/vac/waku/peer-exchange/2.0.0-alpha1";
    static final String RECONCILIATION = "/vac/waku/reconciliation/1.0.0";
    static final String TRANSFER = "/vac/waku/transfer/1.0.0";

    private WakuCodecs() {
    }
}
