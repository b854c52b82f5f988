package io.logos.delivery.api.messaging;

/** How well the node can send and receive now ({@code health:connection-status}). */
public enum ConnectionStatus {
    /** The node cannot reliably send or receive. */
    DISCONNECTED,
    /** The node can send, receive and reach a store, without redundancy. */
    PARTIALLY_CONNECTED,
    /** The node operates as it should: enough relay peers, or at least two peers for every service. */
    CONNECTED;

    /** True when the node can send and receive at all. */
    public boolean online() {
        return this != DISCONNECTED;
    }

    /** The spec's name: {@code Disconnected}, {@code PartiallyConnected}, {@code Connected}. */
    public String specName() {
        return switch (this) {
            case DISCONNECTED -> "Disconnected";
            case PARTIALLY_CONNECTED -> "PartiallyConnected";
            case CONNECTED -> "Connected";
        };
    }
}
