package io.logos.delivery.libp2p.multiaddr;

import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** How one kind of multiaddr component value is written as text and as bytes. */
enum ValueCodec {
    NONE(0) {
        @Override
        byte[] parse(String text) {
            return new byte[0];
        }

        @Override
        String format(byte[] value) {
            return "";
        }
    },
    IP4(4) {
        @Override
        byte[] parse(String text) {
            return IpAddresses.parseIp4(text);
        }

        @Override
        String format(byte[] value) {
            return IpAddresses.formatIp4(value);
        }
    },
    IP6(16) {
        @Override
        byte[] parse(String text) {
            return IpAddresses.parseIp6(text);
        }

        @Override
        String format(byte[] value) {
            return IpAddresses.formatIp6(value);
        }
    },
    PORT(2) {
        @Override
        byte[] parse(String text) {
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(text) > 0xFFFF) {
                throw new IllegalArgumentException("'" + text + "' is not a port number (0 to 65535)");
            }
            int port = Integer.parseInt(text);
            return new byte[] {(byte) (port >>> 8), (byte) port};
        }

        @Override
        String format(byte[] value) {
            return Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
        }
    },
    DOMAIN(ValueCodec.VARIABLE) {
        @Override
        byte[] parse(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a domain name must not be empty");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        String format(byte[] value) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("domain name is not valid UTF-8", e);
            }
            if (text.isEmpty() || text.contains("/")) {
                throw new IllegalArgumentException("domain name must be non-empty and free of '/', got '" + text + "'");
            }
            return text;
        }
    },
    PEER_ID(ValueCodec.VARIABLE) {
        @Override
        byte[] parse(String text) {
            return PeerId.parse(text).toBytes();
        }

        @Override
        String format(byte[] value) {
            return PeerId.fromBytes(value).toBase58();
        }
    };

    /** Marks values that carry a varint length prefix in the binary form. */
    static final int VARIABLE = -1;

    private final int fixedBytes;

    ValueCodec(int fixedBytes) {
        this.fixedBytes = fixedBytes;
    }

    /** The value's size in bytes, {@link #VARIABLE} when it is length-prefixed. */
    int fixedBytes() {
        return fixedBytes;
    }

    /** Text to bytes; throws IllegalArgumentException saying what is wrong with the text. */
    abstract byte[] parse(String text);

    /**
     * Bytes (of the right size) to canonical text; throws IllegalArgumentException when the bytes
     * are not a valid value, which is how binary input is validated.
     */
    abstract String format(byte[] value);
}
