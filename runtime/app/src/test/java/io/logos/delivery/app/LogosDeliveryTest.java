package io.logos.delivery.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginLoader;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.plugin.TestPluginJars;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogosDeliveryTest {

    @TempDir
    Path plugins;

    @TempDir
    Path data;

    private PluginRegistry registry;

    @BeforeEach
    void installPlugins() throws IOException {
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));
        TestPluginJars.archivePlugin(plugins, "com.example.failing", "failing", ArchiveDriverFactory.SPI_VERSION, "1.0");
        registry = new PluginLoader(NodeSpis.ALL).load(plugins);
    }

    private NodeConfig config(boolean store, String url) {
        return config(store, url, Optional.empty());
    }

    private NodeConfig config(boolean store, String url, Optional<String> nodeKey) {
        NetworkConfig network = new NetworkConfig("127.0.0.1", 0, true, 0, Optional.empty(), 150, nodeKey, "test-agent");
        return new NodeConfig(0, MessageSizeLimit.DEFAULT, store, url, 5, plugins, data, network,
                ProtocolsConfig.defaults(), RestConfig.disabled());
    }

    @Test
    void opensTheArchiveChosenByTheUrlSchemeAndClosesItOnStop() {
        LogosDelivery node = LogosDelivery.start(config(true, "memory://?capacity=10"), registry);
        ArchiveDriver archive = node.archive().orElseThrow();
        WakuMessage message = WakuMessage.builder().contentTopic("/app/1/chat/proto").timestamp(1).build();
        assertTrue(archive.put(ArchivedMessage.of(PubsubTopic.DEFAULT, message)));
        assertEquals(1, archive.count());

        node.stop();
        node.stop();

        assertThrows(ArchiveException.class, archive::count, "the archive is closed by stop");
    }

    @Test
    void listensOnTcpAndWebSocketWithAPeerIdThatSurvivesRestarts() {
        PeerId first;
        try (LogosDelivery node = LogosDelivery.start(config(false, "memory://"), registry)) {
            first = node.kernel().host().peerId();
            List<String> addresses = node.kernel().host().dialableAddresses().stream().map(Object::toString).toList();
            assertEquals(2, addresses.size(), addresses.toString());
            assertTrue(addresses.get(0).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + first), addresses.get(0));
            assertTrue(addresses.get(1).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/ws/p2p/" + first), addresses.get(1));
        }
        try (LogosDelivery node = LogosDelivery.start(config(false, "memory://"), registry)) {
            assertEquals(first, node.kernel().host().peerId(), "the generated key is kept in the data folder");
        }
    }

    @Test
    void aNodeKeyFlagSetsThePeerId() {
        String hex = "1122334455667788990011223344556677889900112233445566778899001122";
        PeerId expected = PeerId.fromPublicKey(Keys.secp256k1FromNodeKey(hex).publicKey());
        try (LogosDelivery node = LogosDelivery.start(config(false, "memory://", Optional.of(hex)), registry)) {
            assertEquals(expected, node.kernel().host().peerId());
            assertTrue(expected.toString().startsWith("16Uiu2"), "secp256k1 peer ids read 16Uiu2…");
        }
        NodeStartException bad = assertThrows(NodeStartException.class,
                () -> LogosDelivery.start(config(false, "memory://", Optional.of("xyz")), registry));
        assertTrue(bad.getMessage().startsWith("--nodekey: "), bad.getMessage());
    }

    @Test
    void aBusyPortStopsTheStartNamingTheAddress() {
        try (LogosDelivery first = LogosDelivery.start(config(false, "memory://"), registry)) {
            int port = first.kernel().host().listenAddresses().getFirst().tcpPort().orElseThrow();
            NetworkConfig clash = new NetworkConfig("127.0.0.1", port, false, 0, Optional.empty(), 150,
                    Optional.empty(), "test-agent");
            NodeStartException error = assertThrows(NodeStartException.class, () -> LogosDelivery.start(
                    new NodeConfig(0, MessageSizeLimit.DEFAULT, false, "memory://", 5, plugins, data, clash,
                            ProtocolsConfig.defaults(), RestConfig.disabled()), registry));
            assertTrue(error.getMessage().startsWith("cannot listen on /ip4/127.0.0.1/tcp/" + port), error.getMessage());
        }
    }

    @Test
    void runsWithoutAnArchiveWhenStoreIsOff() {
        try (LogosDelivery node = LogosDelivery.start(config(false, "nonsense://"), registry)) {
            assertFalse(node.archive().isPresent());
        }
    }

    @Test
    void anUnknownSchemeIsAnErrorListingTheInstalledDrivers() {
        NodeStartException error = assertThrows(NodeStartException.class,
                () -> LogosDelivery.start(config(true, "sqlite://store.sqlite3"), registry));
        assertEquals("no archive driver for scheme 'sqlite' in --store-message-db-url=sqlite://store.sqlite3;"
                + " installed: failing, memory", error.getMessage());
    }

    @Test
    void aDriverThatCannotOpenStopsTheStartWithItsReason() {
        NodeStartException error = assertThrows(NodeStartException.class,
                () -> LogosDelivery.start(config(true, "failing://somewhere"), registry));
        assertEquals("test driver cannot open failing://somewhere", error.getMessage());
    }
}
