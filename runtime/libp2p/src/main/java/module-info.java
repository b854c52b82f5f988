/**
 * The project's own libp2p stack on Netty (DESIGN.md §5). Knows nothing of Waku.
 */
module io.logos.delivery.libp2p {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.bouncycastle.provider;
    requires com.google.protobuf;
    requires org.slf4j;

    // exports io.logos.delivery.libp2p once it holds its first type (javac refuses to export an empty package)
    exports io.logos.delivery.libp2p.multistream;
    exports io.logos.delivery.libp2p.stream;
    exports io.logos.delivery.libp2p.mux;
    exports io.logos.delivery.libp2p.mux.yamux;
    exports io.logos.delivery.libp2p.mux.mplex;
}
