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

    exports io.logos.delivery.libp2p.crypto;
    exports io.logos.delivery.libp2p.peer;
    exports io.logos.delivery.libp2p.multiaddr;
    exports io.logos.delivery.libp2p.security;
    exports io.logos.delivery.libp2p.security.noise;
    exports io.logos.delivery.libp2p.multistream;
    exports io.logos.delivery.libp2p.stream;
    exports io.logos.delivery.libp2p.mux;
    exports io.logos.delivery.libp2p.mux.yamux;
    exports io.logos.delivery.libp2p.mux.mplex;
    exports io.logos.delivery.libp2p.transport;
    exports io.logos.delivery.libp2p.host;
    exports io.logos.delivery.libp2p.framed;
    exports io.logos.delivery.libp2p.protocol.identify;
    exports io.logos.delivery.libp2p.protocol.ping;
    exports io.logos.delivery.libp2p.pubsub;
    exports io.logos.delivery.libp2p.pubsub.gossipsub;

    // Generated protobuf classes stay internal; protobuf-java's reflective paths (toString,
    // descriptor-based field access) need deep access to them.
    opens io.logos.delivery.libp2p.crypto.pb to com.google.protobuf;
    opens io.logos.delivery.libp2p.security.noise.pb to com.google.protobuf;
    opens io.logos.delivery.libp2p.protocol.identify.pb to com.google.protobuf;
    opens io.logos.delivery.libp2p.pubsub.pb to com.google.protobuf;
}
