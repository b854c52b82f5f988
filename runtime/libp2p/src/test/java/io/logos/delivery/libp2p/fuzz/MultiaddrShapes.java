package io.logos.delivery.libp2p.fuzz;

import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.logos.delivery.libp2p.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Binary multiaddrs built from fields, with the length prefixes right, so the fuzzer reaches the
 * value decoders with values of any size (up to 64 KiB, an identify message's limit) rather than
 * stumbling over prefixes: a peer id value is a multihash whose digest the input sizes.
 */
final class MultiaddrShapes {

    private MultiaddrShapes() {
    }

    static byte[] binary(FuzzInput in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = 1 + in.u8() % 4;
        Protocol[] protocols = Protocol.values();
        for (int i = 0; i < count; i++) {
            int choice = in.u8();
            if (choice >= 250) {
                out.writeBytes(Varint.encode(in.u16())); // some code, probably unknown
                continue;
            }
            Protocol protocol = protocols[choice % protocols.length];
            out.writeBytes(Varint.encode(protocol.code()));
            switch (protocol) {
                case IP4 -> out.writeBytes(in.fixed(4));
                case IP6 -> out.writeBytes(in.fixed(16));
                case TCP, UDP -> out.writeBytes(in.fixed(2));
                case DNS, DNS4, DNS6, DNSADDR, P2P -> {
                    byte[] value = value(in);
                    out.writeBytes(Varint.encode(value.length));
                    out.writeBytes(value);
                }
                default -> {
                }
            }
        }
        return out.toByteArray();
    }

    /** A variable-size value: given bytes, a multihash with a sized digest, or sized filler. */
    private static byte[] value(FuzzInput in) {
        return switch (in.u8() % 3) {
            case 0 -> in.chunk();
            case 1 -> {
                int code = in.bool() ? 0x12 : 0x00;
                byte[] digest = filler(in);
                yield NoiseFuzzing.concat(Varint.encode(code), Varint.encode(digest.length), digest);
            }
            default -> filler(in);
        };
    }

    private static byte[] filler(FuzzInput in) {
        byte[] bytes = new byte[in.u16()];
        Arrays.fill(bytes, (byte) in.u8());
        return bytes;
    }
}
