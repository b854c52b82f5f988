package io.logos.delivery.libp2p.host;

/** Told about connections as they are established and closed. Called on the connection's event loop. */
public interface ConnectionListener {

    default void connected(Connection connection) {
    }

    default void disconnected(Connection connection) {
    }
}
