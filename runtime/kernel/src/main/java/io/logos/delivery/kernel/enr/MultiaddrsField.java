package io.logos.delivery.kernel.enr;

import io.logos.delivery.libp2p.multiaddr.Component;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code multiaddrs} field (WAKU2-ENR): for each address, its binary length as a big-endian uint16
 * followed by the binary multiaddr. It carries what the predefined keys cannot (websocket, DNS names), and
 * without {@code /p2p} components: the record's key names the peer.
 */
final class MultiaddrsField {

    static final String KEY = "multiaddrs";

    private MultiaddrsField() {
    }

    /** Encodes {@code addresses} without their {@code /p2p} components, each once. */
    static byte[] encode(List<Multiaddr> addresses) {
        Set<Multiaddr> stripped = new LinkedHashSet<>();
        addresses.forEach(address -> stripped.add(withoutPeerId(address)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Multiaddr address : stripped) {
            byte[] bytes = address.toBytes();
            out.write(bytes.length >>> Byte.SIZE);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** {@code address} without its {@code /p2p} components (all of them, as nwaku strips them). */
    private static Multiaddr withoutPeerId(Multiaddr address) {
        String kept = address.components().stream().filter(component -> component.protocol() != Protocol.P2P)
                .map(Component::toString).collect(Collectors.joining());
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(address + " is only a peer id");
        }
        return Multiaddr.parse(kept);
    }

    /**
     * Decodes the field. Like nwaku, skips an entry that is not a multiaddr this stack reads (an unknown
     * protocol), but refuses the field when its framing is broken: an entry of length 0, or one that runs past
     * the end.
     */
    static List<Multiaddr> decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        List<Multiaddr> addresses = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 2) {
                throw new InvalidEnrException("multiaddrs ends in the middle of an entry's length");
            }
            int length = Short.toUnsignedInt(in.getShort());
            if (length == 0) {
                throw new InvalidEnrException("multiaddrs has an entry of length 0");
            }
            if (length > in.remaining()) {
                throw new InvalidEnrException("multiaddrs has an entry of " + length + " bytes, but only "
                        + in.remaining() + " remain");
            }
            byte[] entry = new byte[length];
            in.get(entry);
            try {
                addresses.add(Multiaddr.fromBytes(entry));
            } catch (IllegalArgumentException unreadable) {
                // an address this stack cannot read (e.g. a newer transport) does not spoil the others
            }
        }
        return List.copyOf(addresses);
    }
}
