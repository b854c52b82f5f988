package io.logos.delivery.kernel.peers;

/**
 * How {@code --max-connections} splits between relay peers and service peers, in percent (nwaku's
 * {@code --relay-service-ratio}, e.g. {@code "50:50"}).
 */
public record RelayServiceRatio(double relayPercent, double servicePercent) {

    public RelayServiceRatio {
        if (relayPercent < 0 || servicePercent < 0 || (int) (relayPercent + servicePercent) != 100) {
            throw new IllegalArgumentException("relay:service ratio must be two non-negative percentages adding up"
                    + " to 100, got " + relayPercent + ":" + servicePercent);
        }
    }

    /** Reads {@code "relay:service"}, e.g. {@code "60:40"}. */
    public static RelayServiceRatio parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("relay:service ratio must look like '60:40', got '" + text + "'");
        }
        try {
            return new RelayServiceRatio(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relay:service ratio must hold two numbers, got '" + text + "'", e);
        }
    }

    /** Connections kept for relay out of {@code maxConnections} (rounded up, as nwaku). */
    public int relayPeers(int maxConnections) {
        return (int) Math.ceil(maxConnections * relayPercent / 100.0);
    }

    @Override
    public String toString() {
        return relayPercent + ":" + servicePercent;
    }
}
