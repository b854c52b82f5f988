package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Waku node: the protocols the configuration mounted, on one libp2p identity. Knows nothing of the
 * layers above it; they observe it through listeners.
 */
public interface WakuNode {

    PeerId peerId();

    /** The addresses peers dial, each ending with {@code /p2p/<peer id>}; empty before start. */
    List<String> listenAddresses();

    /**
     * The node's record (EIP-778 with the WAKU2-ENR keys) in text form, {@code enr:…}, as nwaku's
     * {@code /debug/v1/info} shows it: made at start from the node key, the bound addresses, the mounted
     * services and the shards. Empty before start, and for a node whose key is not secp256k1 (a v4 record
     * needs one).
     */
    Optional<String> enrUri();

    int clusterId();

    /** The shards this node serves (relay subscriptions, metadata answers). */
    List<PubsubTopic> shards();

    /** The autosharding the node applies to content topics; empty under static sharding. */
    Optional<AutoSharding> autoSharding();

    /** The largest message the node accepts and sends ({@code --max-msg-size}). */
    MessageSizeLimit maxMessageSize();

    /** The libp2p protocol ids the node serves. */
    List<String> protocols();

    /** Relay, when mounted. */
    Optional<Relay> relay();

    /** The light push client; it is always available. */
    LightpushClient lightpush();

    /** The filter client; it is always available. */
    FilterClient filter();

    /** The store client; it is always available. */
    StoreClient store();

    Peers peers();

    Registration addEventListener(KernelEventListener listener);

    /** Binds the listen addresses, mounts the protocols and starts the peer manager. */
    CompletableFuture<Void> start();

    /** Stops taking requests, waits for those in flight, then closes connections and listeners. */
    CompletableFuture<Void> stop();
}
