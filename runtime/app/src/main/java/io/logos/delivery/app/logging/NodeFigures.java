package io.logos.delivery.app.logging;

import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.WakuNode;
import java.util.List;

/** The summary figures a {@link WakuNode} can tell today. */
public final class NodeFigures {

    private NodeFigures() {
    }

    /** Connected peers, peers in the peer store, and relay shards subscribed ({@code off} without relay). */
    public static List<SummaryFigure> of(WakuNode node) {
        return List.of(
                new SummaryFigure("peers", () -> node.peers().connected().size()),
                new SummaryFigure("known peers", () -> node.peers().all().size()),
                new SummaryFigure("relay shards", () -> node.relay().map(Relay::subscriptions)
                        .<Object>map(subscriptions -> subscriptions.size()).orElse("off")));
    }
}
