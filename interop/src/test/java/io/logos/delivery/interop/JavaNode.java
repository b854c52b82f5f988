package io.logos.delivery.interop;

import io.logos.delivery.kernel.node.KernelConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** A Java kernel node on 127.0.0.1 for the interop tests; closing stops it. */
final class JavaNode implements AutoCloseable {

    private final KernelNode node;

    private JavaNode(KernelNode node) {
        this.node = node;
    }

    /** Starts a relay node with {@code sharding}, adjusted by {@code adjust} (e.g. services on). */
    static JavaNode start(ShardingConfig sharding, UnaryOperator<KernelConfig> adjust) throws Exception {
        return start(sharding, adjust, Optional.empty());
    }

    /** Starts a node that, given an archive, serves store from it; the caller closes the archive. */
    static JavaNode start(ShardingConfig sharding, UnaryOperator<KernelConfig> adjust,
                          Optional<ArchiveDriver> archive) throws Exception {
        return start(List.of("/ip4/127.0.0.1/tcp/0"), sharding, adjust, archive);
    }

    /** A node listening on {@code listenAddresses} (the first one TCP: {@link #address()}). */
    static JavaNode start(List<String> listenAddresses, ShardingConfig sharding, UnaryOperator<KernelConfig> adjust,
                          Optional<ArchiveDriver> archive) throws Exception {
        HostConfig host = HostConfig.of(Keys.generate(), listenAddresses.stream().map(Multiaddr::parse).toList(),
                "logos-delivery-interop");
        KernelNode node = new KernelNode(adjust.apply(KernelConfig.relayNode(host, sharding)), archive);
        node.start().get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new JavaNode(node);
    }

    KernelNode node() {
        return node;
    }

    /** The TCP address js peers dial, with {@code /p2p}. */
    String address() {
        return node.listenAddresses().getFirst();
    }

    /** Polls {@code condition} until it holds or the interop timeout passes. */
    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(Duration.ofMillis(10));
        }
    }

    @Override
    public void close() throws Exception {
        node.stop().get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
