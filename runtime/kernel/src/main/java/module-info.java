/**
 * The kernel: a Waku node and its protocols on the project's libp2p stack. Knows nothing of the
 * messaging or channels layers.
 */
module io.logos.delivery.kernel {
    requires transitive io.logos.delivery.api.kernel;
    requires transitive io.logos.delivery.spi.kernel;
    requires io.logos.delivery.libp2p;
    requires com.google.protobuf;
}
