package io.logos.delivery.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.kernel.enr.Enr;
import io.logos.delivery.kernel.enr.RelayShards;
import io.logos.delivery.kernel.enr.WakuCapability;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.MemoryArchives;
import io.logos.delivery.kernel.testing.TestNodes;
import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A started node's enrUri decodes to the node itself: its key, bound addresses, mounted services and shards. */
class NodeRecordTest {

    private static final ShardingConfig SHARDING = new ShardingConfig(2, List.of(), 4);
    private final TestNodes nodes = new TestNodes();
    private final ArchiveDriver archive = MemoryArchives.open();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
        archive.close();
    }

    @Test
    void aServiceNodesRecordNamesItsPeerIdAddressesServicesAndShards() throws Exception {
        HostConfig host = HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"),
                Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws")), "logos-delivery-test");
        KernelNode node = nodes.start(KernelConfig.relayNode(host, SHARDING).withServices(true, true),
                Optional.of(archive));

        Enr enr = Enr.parse(node.enrUri().orElseThrow());

        assertEquals(node.peerId(), PeerIds.toApi(enr.peerId()));
        List<Multiaddr> bound = node.host().listenAddresses();
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), enr.ip());
        assertEquals(bound.get(0).tcpPort(), enr.tcp());
        assertEquals(List.of(bound.get(1)), enr.multiaddrs());
        assertEquals(Set.of(WakuCapability.RELAY, WakuCapability.STORE, WakuCapability.FILTER,
                WakuCapability.LIGHTPUSH), enr.capabilities());
        assertEquals(Optional.of(new RelayShards(2, List.of(0, 1, 2, 3))), enr.relayShards());
        assertEquals(1, enr.seq());
        assertEquals(OptionalInt.empty(), enr.udp(), "no discv5, so no udp port");
    }

    @Test
    void anEdgeNodeBoundToEveryInterfaceAnnouncesNoServiceAndTheUnspecifiedAddressAsNwakuDoes() throws Exception {
        HostConfig host = HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")),
                "logos-delivery-test");
        KernelNode node = nodes.start(KernelConfig.relayNode(host, new ShardingConfig(3, List.of(5), 0))
                .withRelay(false), Optional.empty());

        Enr enr = Enr.parse(node.enrUri().orElseThrow());

        assertEquals(Set.of(), enr.capabilities());
        assertEquals(Optional.of(InetAddress.getByName("0.0.0.0")), enr.ip());
        assertEquals(node.host().listenAddresses().getFirst().tcpPort(), enr.tcp());
        assertEquals(Optional.of(new RelayShards(3, List.of(5))), enr.relayShards(), "the configured shards");
        assertEquals(List.of(), enr.multiaddrs());
    }

    @Test
    void aNodeHasNoRecordBeforeStartNorWithAnEd25519Key() throws Exception {
        HostConfig host = HostConfig.of(Keys.generate(KeyType.ED25519), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "logos-delivery-test");
        KernelNode unstarted = new KernelNode(KernelConfig.relayNode(TestNodes.loopbackHost(), SHARDING), Optional.empty());
        KernelNode ed25519 = nodes.start(KernelConfig.relayNode(host, SHARDING), Optional.empty());

        assertEquals(Optional.empty(), unstarted.enrUri());
        Await.await(unstarted.stop());
        assertEquals(Optional.empty(), ed25519.enrUri());
        assertTrue(ed25519.listenAddresses().getFirst().startsWith("/ip4/127.0.0.1/tcp/"));
    }
}
