package io.logos.delivery.libp2p.multiaddr;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable, non-empty multiaddr such as {@code /ip4/127.0.0.1/tcp/60000/p2p/16Uiu2…}.
 *
 * <p>Text and binary forms follow the multiaddr spec; the text form written is canonical (IPv6 in
 * RFC 5952 form, peer ids in base58btc, {@code /p2p} rather than {@code /ipfs}). Parsing rejects
 * unknown protocols, bad values and truncated input with an {@link IllegalArgumentException}
 * saying what is wrong. Equal multiaddrs have equal binary forms.
 */
public final class Multiaddr {

    private final List<Component> components;

    private Multiaddr(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /**
     * Parses the text form, e.g. {@code /dns4/node.example/tcp/443/wss}. A trailing {@code /} is
     * allowed.
     */
    public static Multiaddr parse(String text) {
        try {
            return new Multiaddr(parseComponents(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid multiaddr: " + e.getMessage(), e);
        }
    }

    private static List<Component> parseComponents(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a multiaddr starts with '/'");
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("it has no components");
        }
        String[] parts = trimmed.substring(1).split("/", -1);
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i];
            Protocol protocol = Protocol.forName(name)
                    .orElseThrow(() -> new IllegalArgumentException(name.isEmpty()
                            ? "it has an empty protocol name"
                            : "unknown protocol '" + name + "'"));
            String value = "";
            if (protocol.hasValue()) {
                if (++i == parts.length) {
                    throw new IllegalArgumentException("/" + name + " lacks its value");
                }
                value = parts[i];
            }
            components.add(Component.of(protocol, value));
        }
        return components;
    }

    /** Reads the binary form. */
    public static Multiaddr fromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a binary multiaddr must not be empty");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Component> components = new ArrayList<>();
        while (in.hasRemaining()) {
            int offset = in.position();
            try {
                components.add(readComponent(in));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid binary multiaddr at byte " + offset + ": " + e.getMessage(), e);
            }
        }
        return new Multiaddr(components);
    }

    private static Component readComponent(ByteBuffer in) {
        long code = Varint.read(in);
        Protocol protocol = Protocol.forCode(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown protocol code 0x" + Long.toHexString(code)));
        int fixed = protocol.codec().fixedBytes();
        long length = fixed == ValueCodec.VARIABLE ? Varint.read(in) : fixed;
        if (length > in.remaining()) {
            throw new IllegalArgumentException("truncated: /" + protocol.protocolName() + " needs " + length
                    + " value bytes, " + in.remaining() + " left");
        }
        byte[] value = new byte[(int) length];
        in.get(value);
        return Component.fromBinaryValue(protocol, value);
    }

    /** The binary form. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        components.forEach(component -> component.writeTo(out));
        return out.toByteArray();
    }

    /** The components, outermost last. */
    public List<Component> components() {
        return components;
    }

    /** This address followed by {@code inner}, e.g. {@code /ip4/…/tcp/…} then {@code /p2p/…}. */
    public Multiaddr encapsulate(Multiaddr inner) {
        List<Component> joined = new ArrayList<>(components);
        joined.addAll(inner.components);
        return new Multiaddr(joined);
    }

    /**
     * This address up to the last occurrence of {@code inner}'s components; this address itself
     * when they do not occur, and empty when nothing would remain.
     */
    public Optional<Multiaddr> decapsulate(Multiaddr inner) {
        int index = Collections.lastIndexOfSubList(components, inner.components);
        return index < 0 ? Optional.of(this) : prefix(index);
    }

    /**
     * This address up to the last component of {@code protocol}; this address itself when there is
     * none, and empty when nothing would remain.
     */
    public Optional<Multiaddr> decapsulate(Protocol protocol) {
        for (int i = components.size() - 1; i >= 0; i--) {
            if (components.get(i).protocol() == protocol) {
                return prefix(i);
            }
        }
        return Optional.of(this);
    }

    private Optional<Multiaddr> prefix(int length) {
        return length == 0 ? Optional.empty() : Optional.of(new Multiaddr(components.subList(0, length)));
    }

    /** The value of the first component of {@code protocol}, in text form. */
    public Optional<String> valueOf(Protocol protocol) {
        return components.stream().filter(c -> c.protocol() == protocol).findFirst().map(Component::value);
    }

    /** The peer id of the last {@code /p2p} component: the peer this address reaches. */
    public Optional<PeerId> peerId() {
        for (int i = components.size() - 1; i >= 0; i--) {
            Component component = components.get(i);
            if (component.protocol() == Protocol.P2P) {
                return Optional.of(PeerId.fromBytes(component.rawValue()));
            }
        }
        return Optional.empty();
    }

    /** The port of the first {@code /tcp} component. */
    public OptionalInt tcpPort() {
        return valueOf(Protocol.TCP).map(port -> OptionalInt.of(Integer.parseInt(port))).orElse(OptionalInt.empty());
    }

    /** The host of the first component that names one: an {@code ip4}, {@code ip6} or {@code dns*} value. */
    public Optional<String> host() {
        return components.stream()
                .filter(c -> switch (c.protocol()) {
                    case IP4, IP6, DNS, DNS4, DNS6, DNSADDR -> true;
                    default -> false;
                })
                .findFirst()
                .map(Component::value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Multiaddr multiaddr && components.equals(multiaddr.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    /** The canonical text form. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        components.forEach(text::append);
        return text.toString();
    }
}
