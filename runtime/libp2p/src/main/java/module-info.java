/**
 * The project's own libp2p stack on Netty (DESIGN.md §5). Knows nothing of Waku.
 */
module io.logos.delivery.libp2p {
    // exports io.logos.delivery.libp2p once it holds its first type (javac refuses to export an empty package)
}
