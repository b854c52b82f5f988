package io.logos.delivery.libp2p.host;

/**
 * How many connections a host keeps.
 *
 * @param maxConnections all connections, inbound and outbound (nwaku's {@code --max-connections}, 150)
 * @param maxPerPeer connections to one peer; simultaneous dials can make two
 */
public record ConnectionLimits(int maxConnections, int maxPerPeer) {

    public static final ConnectionLimits DEFAULT = new ConnectionLimits(150, 2);

    public ConnectionLimits {
        if (maxConnections < 1 || maxPerPeer < 1) {
            throw new IllegalArgumentException("connection limits must be positive, got " + maxConnections
                    + " in all and " + maxPerPeer + " per peer");
        }
    }
}
