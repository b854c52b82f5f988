/**
 * The kernel: a Waku node and its protocols on the project's libp2p stack. Knows nothing of the
 * messaging or channels layers.
 */
module io.logos.delivery.kernel {
    requires transitive io.logos.delivery.api.kernel;
    requires transitive io.logos.delivery.spi.kernel;
    requires io.logos.delivery.libp2p;
    requires com.google.protobuf;
    // keccak-256 and ECDSA for node records (EIP-778)
    requires org.bouncycastle.provider;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports io.logos.delivery.kernel.message;
    exports io.logos.delivery.kernel.ratelimit;
    exports io.logos.delivery.kernel.peers;
    exports io.logos.delivery.kernel.relay;
    exports io.logos.delivery.kernel.metadata;
    exports io.logos.delivery.kernel.node;
    exports io.logos.delivery.kernel.archive;
    exports io.logos.delivery.kernel.filter;
    exports io.logos.delivery.kernel.lightpush;
    exports io.logos.delivery.kernel.store;
    exports io.logos.delivery.kernel.metrics;

    uses io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
    provides io.logos.delivery.api.kernel.node.WakuNodeFactory with io.logos.delivery.kernel.node.KernelNodeFactory;

    // Generated protobuf classes stay internal; protobuf-java's reflective paths (toString,
    // descriptor-based field access) need deep access to them.
    opens io.logos.delivery.kernel.proto to com.google.protobuf;
}
