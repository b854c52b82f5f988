package io.logos.delivery.libp2p.mux.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * One yamux frame: the 12-byte header (version, type, flags, stream id, length, big endian) and, for data
 * frames, the payload. The meaning of {@code length} depends on the type: payload size, window delta,
 * ping value or go-away code.
 */
record YamuxFrame(int type, int flags, long streamId, long length, ByteBuf payload) {

    static final int HEADER_LENGTH = 12;
    static final int VERSION = 0;

    static final int TYPE_DATA = 0;
    static final int TYPE_WINDOW_UPDATE = 1;
    static final int TYPE_PING = 2;
    static final int TYPE_GO_AWAY = 3;

    static final int FLAG_SYN = 1;
    static final int FLAG_ACK = 2;
    static final int FLAG_FIN = 4;
    static final int FLAG_RST = 8;

    static final int GO_AWAY_NORMAL = 0;
    static final int GO_AWAY_PROTOCOL_ERROR = 1;
    static final int GO_AWAY_INTERNAL_ERROR = 2;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Encodes a frame; a data frame's {@code payload} follows its header without a copy. */
    static ByteBuf encode(ByteBufAllocator alloc, int type, int flags, long streamId, long length, ByteBuf payload) {
        ByteBuf header = alloc.buffer(HEADER_LENGTH);
        header.writeByte(VERSION);
        header.writeByte(type);
        header.writeShort(flags);
        header.writeInt((int) streamId);
        header.writeInt((int) length);
        return payload == null ? header : Unpooled.wrappedBuffer(header, payload);
    }

    static String typeName(int type) {
        return switch (type) {
            case TYPE_DATA -> "data";
            case TYPE_WINDOW_UPDATE -> "window update";
            case TYPE_PING -> "ping";
            case TYPE_GO_AWAY -> "go-away";
            default -> "type " + type;
        };
    }
}
