package io.logos.delivery.messaging.health;

import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.MessagingEvent.ConnectionStatusChanged;
import io.logos.delivery.messaging.delivery.EventSink;
import java.util.function.BiConsumer;

/**
 * Follows the node's connection status: recomputed on every check, reported as {@code health:connection-status}
 * and to {@code onChange} when it changed. Starts {@link ConnectionStatus#DISCONNECTED}. Called on the delivery
 * thread.
 */
public final class ConnectionMonitor {

    private final WakuNode node;
    private final EventSink events;
    private final BiConsumer<ConnectionStatus, ConnectionStatus> onChange;
    private volatile ConnectionStatus status = ConnectionStatus.DISCONNECTED;

    /** @param onChange told the previous and the new status on every change, before the event is emitted */
    public ConnectionMonitor(WakuNode node, EventSink events, BiConsumer<ConnectionStatus, ConnectionStatus> onChange) {
        this.node = node;
        this.events = events;
        this.onChange = onChange;
    }

    public void check() {
        ConnectionStatus current = ConnectionStatusRule.of(node.relay().isPresent(), node.peers().connected());
        ConnectionStatus previous = status;
        if (current != previous) {
            status = current;
            onChange.accept(previous, current);
            events.emit(new ConnectionStatusChanged(current));
        }
    }

    /** The last status computed; readable from any thread. */
    public ConnectionStatus status() {
        return status;
    }
}
