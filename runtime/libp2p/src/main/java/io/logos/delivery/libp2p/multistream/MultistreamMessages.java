package io.logos.delivery.libp2p.multistream;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The multistream-select wire format: every message is an unsigned-varint length, then UTF-8 text ending
 * in {@code \n}, the newline counted in the length.
 */
final class MultistreamMessages {

    static final String HEADER = "/multistream/1.0.0";
    static final String NOT_AVAILABLE = "na";
    static final String LIST = "ls";

    /** Bound on one message, newline included, as go-libp2p and js-libp2p use. */
    static final int MAX_MESSAGE_LENGTH = 1024;
    /** Bound on an {@code ls} answer, which nests one message per protocol. */
    static final int MAX_LIST_LENGTH = 64 * 1024;

    private MultistreamMessages() {
    }

    /** Encodes {@code texts} as consecutive messages. */
    static ByteBuf encode(ByteBufAllocator alloc, String... texts) {
        ByteBuf out = alloc.buffer();
        for (String text : texts) {
            writeMessage(out, text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Encodes the answer to {@code ls}: one message whose body is a message per protocol, then the
     * closing newline of the outer message.
     */
    static ByteBuf encodeList(ByteBufAllocator alloc, List<String> protocols) {
        ByteBuf body = alloc.buffer();
        try {
            for (String protocol : protocols) {
                writeMessage(body, protocol.getBytes(StandardCharsets.UTF_8));
            }
            byte[] bodyBytes = new byte[body.readableBytes()];
            body.readBytes(bodyBytes);
            ByteBuf out = alloc.buffer();
            writeMessage(out, bodyBytes);
            return out;
        } finally {
            body.release();
        }
    }

    /** Checks that {@code protocol} can be sent as one message. */
    static void requireValidProtocolId(String protocol) {
        if (protocol.isEmpty() || protocol.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("protocol id must be non-empty and without newline: '" + protocol + "'");
        }
        if (protocol.getBytes(StandardCharsets.UTF_8).length + 1 > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("protocol id longer than " + (MAX_MESSAGE_LENGTH - 1) + " bytes: " + protocol);
        }
    }

    /**
     * Reads one message body (without its newline) or returns {@code null} while it is incomplete.
     *
     * @throws ProtocolNegotiationException if the message is malformed or longer than {@code maxLength}
     */
    static ByteBuf readBody(ByteBuf in, int maxLength) throws ProtocolNegotiationException {
        int start = in.readerIndex();
        long length;
        try {
            length = Varint.read(in, Varint.encodedLength(maxLength));
        } catch (CorruptedFrameException e) {
            throw new ProtocolNegotiationException("malformed multistream message length: " + e.getMessage());
        }
        if (length == Varint.INCOMPLETE) {
            return null;
        }
        if (length > maxLength) {
            throw new ProtocolNegotiationException(
                    "multistream message of " + length + " bytes exceeds the limit of " + maxLength);
        }
        if (length == 0) {
            throw new ProtocolNegotiationException("empty multistream message");
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return null;
        }
        ByteBuf message = in.readSlice((int) length);
        if (message.getByte(message.writerIndex() - 1) != '\n') {
            throw new ProtocolNegotiationException("multistream message does not end with a newline");
        }
        return message.slice(message.readerIndex(), message.readableBytes() - 1);
    }

    /** Reads one text message, as {@link #readBody}. */
    static String readText(ByteBuf in, int maxLength) throws ProtocolNegotiationException {
        ByteBuf body = readBody(in, maxLength);
        return body == null ? null : decodeUtf8(body);
    }

    /** Parses the body of an {@code ls} answer into protocol ids. */
    static List<String> parseList(ByteBuf body) throws ProtocolNegotiationException {
        List<String> protocols = new ArrayList<>();
        while (body.isReadable()) {
            String protocol = readText(body, MAX_MESSAGE_LENGTH);
            if (protocol == null) {
                throw new ProtocolNegotiationException("truncated protocol in the ls answer");
            }
            protocols.add(protocol);
        }
        return protocols;
    }

    private static void writeMessage(ByteBuf out, byte[] text) {
        Varint.write(out, text.length + 1L);
        out.writeBytes(text);
        out.writeByte('\n');
    }

    private static String decodeUtf8(ByteBuf body) throws ProtocolNegotiationException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body.nioBuffer())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolNegotiationException("multistream message is not UTF-8");
        }
    }
}
