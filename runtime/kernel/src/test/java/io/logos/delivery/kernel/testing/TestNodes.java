package io.logos.delivery.kernel.testing;

import io.logos.delivery.kernel.node.KernelConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Starts kernel nodes on 127.0.0.1 with ephemeral ports and stops them all at the end of a test. */
public final class TestNodes implements AutoCloseable {

    private final List<KernelNode> nodes = new ArrayList<>();

    public static HostConfig loopbackHost() {
        return HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), "logos-delivery-test");
    }

    public KernelNode start(ShardingConfig sharding, UnaryOperator<KernelConfig> adjust) throws Exception {
        return start(sharding, adjust, Optional.empty());
    }

    /** A node with {@code archive} (a store node, when present); the test closes the archive. */
    public KernelNode start(ShardingConfig sharding, UnaryOperator<KernelConfig> adjust,
                            Optional<ArchiveDriver> archive) throws Exception {
        return start(adjust.apply(KernelConfig.relayNode(loopbackHost(), sharding)), archive);
    }

    /** A node of {@code config}, e.g. on other listen addresses than {@link #loopbackHost()}'s. */
    public KernelNode start(KernelConfig config, Optional<ArchiveDriver> archive) throws Exception {
        KernelNode node = new KernelNode(config, archive);
        nodes.add(node);
        Await.await(node.start());
        return node;
    }

    public KernelNode start(ShardingConfig sharding) throws Exception {
        return start(sharding, UnaryOperator.identity());
    }

    /** Connects {@code from} to {@code to} and waits until both see the connection. */
    public static void connect(KernelNode from, KernelNode to) throws Exception {
        Await.await(from.host().dial(to.host().dialableAddresses().getFirst()));
        Await.until(() -> !to.host().connections(from.host().peerId()).isEmpty(), "the connection is registered");
    }

    @Override
    public void close() throws Exception {
        for (KernelNode node : nodes) {
            Await.await(node.stop());
        }
    }
}
