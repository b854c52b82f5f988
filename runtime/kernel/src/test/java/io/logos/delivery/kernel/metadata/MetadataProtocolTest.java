package io.logos.delivery.kernel.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestNodes;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetadataProtocolTest {

    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void writesShardsUnpackedInFieldTwoAndPackedInFieldThree() {
        byte[] encoded = MetadataCodec.encode(1, List.of(0, 5));
        // 08 01: cluster 1; 10 00, 10 05: field 2 unpacked; 1a 02 00 05: field 3 packed
        assertArrayEquals(HexFormat.of().parseHex("0801100010051a020005"), encoded);
    }

    @Test
    void readsFieldTwoPackedOrUnpackedAndPrefersFieldThree() throws Exception {
        assertEquals(new PeerMetadata(OptionalInt.of(1), List.of(0, 5)),
                MetadataCodec.decode(HexFormat.of().parseHex("080110001005")));
        assertEquals(new PeerMetadata(OptionalInt.of(1), List.of(0, 5)),
                MetadataCodec.decode(HexFormat.of().parseHex("080112020005")));
        assertEquals(new PeerMetadata(OptionalInt.of(2), List.of(7)),
                MetadataCodec.decode(HexFormat.of().parseHex("080210001a0107")));
        assertEquals(new PeerMetadata(OptionalInt.empty(), List.of()), MetadataCodec.decode(new byte[0]));
    }

    @Test
    void answersWithTheRealClusterAndSubscribedShards() throws Exception {
        KernelNode server = nodes.start(new ShardingConfig(16, List.of(32, 64), 0));
        KernelNode client = nodes.start(new ShardingConfig(16, List.of(32), 0));
        TestNodes.connect(client, server);

        PeerMetadata answer = Await.await(new MetadataProtocol(client.host(), 16, List::of, null,
                java.time.Duration.ofSeconds(5)).query(server.host().peerId()));

        assertEquals(new PeerMetadata(OptionalInt.of(16), List.of(32, 64)), answer);
        Await.until(() -> client.peers().all().stream().anyMatch(peer -> peer.peerId().equals(server.peerId())
                        && peer.clusterId().equals(OptionalInt.of(16)) && peer.shards().equals(java.util.Set.of(32, 64))),
                "the exchange on connect recorded the server's cluster and shards for peer selection");
    }

    @Test
    void aPeerOfAnotherClusterIsDisconnected() throws Exception {
        KernelNode ours = nodes.start(new ShardingConfig(1, List.of(), 8));
        KernelNode theirs = nodes.start(new ShardingConfig(2, List.of(), 8));
        Await.await(theirs.host().dial(ours.host().dialableAddresses().getFirst()));

        Await.until(() -> ours.host().connections(theirs.host().peerId()).isEmpty()
                && theirs.host().connections(ours.host().peerId()).isEmpty(), "the other cluster is disconnected");
        KernelNode same = nodes.start(new ShardingConfig(1, List.of(), 8));
        TestNodes.connect(same, ours);
        assertTrue(ours.relay().isPresent());
        assertEquals(1, ours.host().connections(same.host().peerId()).size(), "a peer of our cluster stays");
    }
}
