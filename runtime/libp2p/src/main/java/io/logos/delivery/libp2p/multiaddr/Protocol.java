package io.logos.delivery.libp2p.multiaddr;

import java.util.Optional;

/**
 * The multiaddr protocols this stack reads and writes, with their codes from the multiaddr
 * protocol table ({@code protocols.csv}).
 */
public enum Protocol {
    IP4(4, "ip4", ValueCodec.IP4),
    TCP(6, "tcp", ValueCodec.PORT),
    UDP(273, "udp", ValueCodec.PORT),
    IP6(41, "ip6", ValueCodec.IP6),
    DNS(53, "dns", ValueCodec.DOMAIN),
    DNS4(54, "dns4", ValueCodec.DOMAIN),
    DNS6(55, "dns6", ValueCodec.DOMAIN),
    DNSADDR(56, "dnsaddr", ValueCodec.DOMAIN),
    P2P_CIRCUIT(290, "p2p-circuit", ValueCodec.NONE),
    P2P(421, "p2p", ValueCodec.PEER_ID),
    TLS(448, "tls", ValueCodec.NONE),
    QUIC_V1(461, "quic-v1", ValueCodec.NONE),
    WS(477, "ws", ValueCodec.NONE),
    WSS(478, "wss", ValueCodec.NONE);

    /** The name {@code /p2p} had before; still accepted when parsing, never written. */
    private static final String LEGACY_P2P_NAME = "ipfs";

    private final int code;
    private final String protocolName;
    private final ValueCodec codec;

    Protocol(int code, String protocolName, ValueCodec codec) {
        this.code = code;
        this.protocolName = protocolName;
        this.codec = codec;
    }

    /** The protocol's code, written as a varint in the binary form. */
    public int code() {
        return code;
    }

    /** The protocol's name in the text form, e.g. {@code tcp}. */
    public String protocolName() {
        return protocolName;
    }

    /** Whether components of this protocol carry a value (an address, port, name or peer id). */
    public boolean hasValue() {
        return codec != ValueCodec.NONE;
    }

    ValueCodec codec() {
        return codec;
    }

    /** The protocol named {@code name} in the text form, accepting the legacy {@code ipfs} for {@code p2p}. */
    public static Optional<Protocol> forName(String name) {
        if (name.equals(LEGACY_P2P_NAME)) {
            return Optional.of(P2P);
        }
        for (Protocol protocol : values()) {
            if (protocol.protocolName.equals(name)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The protocol with {@code code}. */
    public static Optional<Protocol> forCode(long code) {
        for (Protocol protocol : values()) {
            if (protocol.code == code) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
