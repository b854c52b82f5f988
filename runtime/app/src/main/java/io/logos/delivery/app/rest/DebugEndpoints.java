package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.app.rest.json.DebugInfo;
import java.util.List;

/**
 * {@code /info} and {@code /version}, and their deprecated {@code /debug/v1/…} twins. The info leaves
 * {@code enrUri} out only for a node without a record (an Ed25519 node key).
 */
final class DebugEndpoints implements RestEndpoints {

    private final WakuNode node;
    private final String version;

    DebugEndpoints(WakuNode node, String version) {
        this.node = node;
        this.version = version;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/info", request -> info()),
                Route.get("/debug/v1/info", request -> info()),
                Route.get("/version", request -> RestResponse.text(200, version)),
                Route.get("/debug/v1/version", request -> RestResponse.text(200, version)));
    }

    private RestResponse info() {
        return RestResponse.json(new DebugInfo(node.listenAddresses(), node.enrUri().orElse(null)));
    }
}
