package io.logos.delivery.libp2p.multiaddr;

import io.logos.delivery.libp2p.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** One protocol of a multiaddr with its value, e.g. {@code /tcp/30303}. */
public final class Component {

    private final Protocol protocol;
    private final byte[] value;

    private Component(Protocol protocol, byte[] value) {
        this.protocol = protocol;
        this.value = value;
    }

    /**
     * The component of {@code protocol} with {@code value} in text form (empty for protocols
     * without a value).
     *
     * @throws IllegalArgumentException if the value is not valid for the protocol
     */
    public static Component of(Protocol protocol, String value) {
        if (!protocol.hasValue() && !value.isEmpty()) {
            throw new IllegalArgumentException("/" + protocol.protocolName() + " takes no value, got '" + value + "'");
        }
        try {
            return new Component(protocol, protocol.codec().parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad /" + protocol.protocolName() + " value: " + e.getMessage(), e);
        }
    }

    /** A component from binary input; checks the value, which the caller sized. */
    static Component fromBinaryValue(Protocol protocol, byte[] value) {
        try {
            protocol.codec().format(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad /" + protocol.protocolName() + " value: " + e.getMessage(), e);
        }
        return new Component(protocol, value);
    }

    /** The protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The value in text form; empty for protocols without a value. */
    public String value() {
        return protocol.codec().format(value);
    }

    /** The value in binary form (without the length prefix); empty for protocols without a value. */
    public byte[] rawValue() {
        return value.clone();
    }

    void writeTo(ByteArrayOutputStream out) {
        Varint.write(protocol.code(), out);
        if (protocol.codec().fixedBytes() == ValueCodec.VARIABLE) {
            Varint.write(value.length, out);
        }
        out.writeBytes(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Component component
                && protocol == component.protocol
                && Arrays.equals(value, component.value);
    }

    @Override
    public int hashCode() {
        return 31 * protocol.hashCode() + Arrays.hashCode(value);
    }

    /** The text form, e.g. {@code /tcp/30303} or {@code /ws}. */
    @Override
    public String toString() {
        return protocol.hasValue() ? "/" + protocol.protocolName() + "/" + value() : "/" + protocol.protocolName();
    }
}
