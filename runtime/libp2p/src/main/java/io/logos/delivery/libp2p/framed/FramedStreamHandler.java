package io.logos.delivery.libp2p.framed;

/** Serves one protocol on framed streams that peers open. Called once per stream; must not block. */
@FunctionalInterface
public interface FramedStreamHandler {

    void handle(FramedStream stream);
}
