package io.logos.delivery.libp2p.stream;

import io.netty.buffer.ByteBuf;

/**
 * The muxer's side of one stream: how a {@link MuxedStreamChannel} turns its operations into frames.
 * Implemented by each stream multiplexer; every method is called on the connection's event loop.
 */
public interface StreamTransport {

    /** How many payload bytes may go into the next data frame now (0 while the peer's window is closed). */
    int sendableBytes();

    /** Writes one data frame of at most {@link #sendableBytes()} bytes, taking ownership of {@code data}. */
    void sendData(ByteBuf data);

    /** Writes the half-close (yamux FIN, mplex Close): this side will send no more data. */
    void sendHalfClose();

    /** Writes the reset (yamux RST, mplex Reset). */
    void sendReset();

    /** Flushes the frames written so far to the connection. */
    void flush();

    /** The application has read {@code bytes} more inbound bytes (yamux turns this into window updates). */
    void consumed(int bytes);

    /** The stream channel is closed: the muxer forgets the stream. */
    void closed();
}
