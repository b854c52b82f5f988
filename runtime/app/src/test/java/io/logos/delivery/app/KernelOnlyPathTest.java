package io.logos.delivery.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.config.MetricsConfig;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginLoader;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.plugin.TestPluginJars;
import io.logos.delivery.kernel.node.KernelConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.messaging.DefaultMessagingApiProvider;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.testkit.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's path stays clean: a node run without the messaging layer (the CLI's default
 * {@code --entry-layer=kernel}) has no delivery-service thread and asks its store peer nothing, however long it
 * runs — unlike nwaku, where every node polls store for its subscriptions.
 */
class KernelOnlyPathTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/0/0");
    /** Six simulated hours in steps of nwaku's store check period (5 min). */
    private static final int STEPS = 72;
    private static final Duration STEP = Duration.ofMinutes(5);

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.now());
    private PluginRegistry plugins;
    private CountingArchive archive;
    private KernelNode storeNode;
    private LogosDelivery node;

    @BeforeEach
    void startStoreNode() throws Exception {
        Path folder = Files.createDirectories(root.resolve("plugins"));
        TestPluginJars.installDistributionPlugins(folder);
        plugins = new PluginLoader(NodeSpis.ALL).load(folder);
        archive = new CountingArchive(plugins.factories(NodeSpis.ARCHIVE_DRIVER).get("memory")
                .create(new ArchiveDriverConfig("memory://", 1)));
        HostConfig host = HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), "store");
        storeNode = new KernelNode(KernelConfig.relayNode(host, ShardingConfig.defaults()).withClock(clock),
                Optional.of(archive));
        storeNode.start().join();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop();
        }
        storeNode.stop().join();
        archive.close();
    }

    @Test
    void aKernelOnlyNodeRunsNoDeliveryServiceAndAsksItsStorePeerNothing() throws Exception {
        node = LogosDelivery.start(config(EntryLayer.KERNEL), plugins, clock);
        assertTrue(node.messaging().isEmpty());
        Relay relay = node.kernel().relay().orElseThrow();

        for (int step = 1; step <= STEPS; step++) {
            clock.advance(STEP);
            publishUntilSent(relay, step);
            int stored = step;
            await("message " + step + " archived by the store node", () -> archive.count() == stored);
            assertFalse(deliveryThreadExists(), "a delivery-service thread runs on a kernel-only node");
        }
        assertEquals(0, archive.queries(), "store queries the kernel-only node sent");
    }

    /** The check above can fail: with the messaging layer the delivery thread runs, and goes with the layer. */
    @Test
    void theMessagingLayerRunsItsDeliveryThreadUntilItStops() throws Exception {
        node = LogosDelivery.start(config(EntryLayer.MESSAGING), plugins, clock);
        assertTrue(node.messaging().isPresent());
        await("the delivery thread", KernelOnlyPathTest::deliveryThreadExists);
        node.stop();
        await("the delivery thread gone", () -> !deliveryThreadExists());
    }

    private NodeConfig config(EntryLayer layer) {
        String storeAddress = storeNode.listenAddresses().getFirst();
        ProtocolsConfig protocols = new ProtocolsConfig(true, false, false, List.of(), 1, List.of(storeAddress),
                Optional.of(storeAddress), Optional.empty(), Optional.empty(), List.of(), 1000, 1000, 300,
                ProtocolsConfig.DEFAULT_RETENTION_POLICY, false);
        NetworkConfig network = new NetworkConfig("127.0.0.1", 0, false, 0, Optional.empty(), 150, Optional.empty(),
                "kernel-only");
        return new NodeConfig(0, MessageSizeLimit.DEFAULT, false, "memory://", 5, root.resolve("plugins"),
                root.resolve("data"), network, protocols, RestConfig.disabled(), MetricsConfig.disabled(), layer);
    }

    /**
     * Publishes message {@code step} once a relay peer takes it; while the mesh to the store node is still forming,
     * each attempt is a new message (gossipsub remembers one it could not send).
     */
    private void publishUntilSent(Relay relay, int step) throws InterruptedException {
        AtomicInteger attempt = new AtomicInteger();
        await("message " + step + " published", () -> relay.publish(SHARD, WakuMessage.builder()
                .contentTopic("/app/1/chat/proto")
                .payload(("message " + step + "." + attempt.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                .timestamp(clock.instant().toEpochMilli() * 1_000_000L).build()).join().published());
    }

    private static boolean deliveryThreadExists() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(DefaultMessagingApiProvider.DELIVERY_THREAD));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
