/**
 * The kernel API: the Waku data model (messages, topics, shards, hashes) and, as the kernel grows,
 * the interfaces of a Waku node. Depends on the JDK only.
 */
module io.logos.delivery.api.kernel {
    exports io.logos.delivery.api.kernel;
    exports io.logos.delivery.api.kernel.node;

    uses io.logos.delivery.api.kernel.node.WakuNodeFactory;
}
