package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.plugin.archive.memory.MemoryArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * js-waku's @waku/enr 0.0.33 (inside @waku/sdk 0.0.36) reads the Java node's record: it verifies the signature
 * and finds the node's peer id, address, websocket address, services and shards, then dials the address it read.
 */
class JavaNodeEnrInteropTest {

    private final ArchiveDriver archive = new MemoryArchiveDriverFactory().create(new ArchiveDriverConfig("memory://", 1));
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable peer : started.reversed()) {
            peer.close();
        }
        archive.close();
    }

    private JavaNode javaNode(ShardingConfig sharding, Optional<ArchiveDriver> store) throws Exception {
        JavaNode node = JavaNode.start(List.of("/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/tcp/0/ws"), sharding,
                config -> config.withServices(true, true), store);
        started.add(node);
        return node;
    }

    private JsPeer lightNode(int clusterId) {
        JsPeer light = JsPeer.start(JsPeer.Stack.WAKU_LIGHT, JsPeer.options().put("clusterId", clusterId)
                .put("numShardsInCluster", 8));
        started.add(light);
        return light;
    }

    @Test
    void jsWakuReadsTheJavaNodesRecordAndDialsTheAddressInIt() throws Exception {
        JavaNode java = javaNode(new ShardingConfig(1, List.of(), 8), Optional.of(archive));
        List<Multiaddr> bound = java.node().host().listenAddresses();
        JsPeer light = lightNode(1);

        JsonNode enr = light.call("decodeEnr", "enr", "enr", java.node().enrUri().orElseThrow());

        assertEquals(java.node().peerId().value(), enr.get("peerId").asText());
        assertEquals("1", enr.get("seq").asText());
        assertEquals("127.0.0.1", enr.get("ip").asText());
        assertEquals(bound.get(0).tcpPort().getAsInt(), enr.get("tcp").asInt());
        assertEquals(List.of(bound.get(1).toString()), strings(enr.get("multiaddrs")));
        JsonNode waku2 = enr.get("waku2");
        assertEquals(List.of(true, true, true, true), List.of(waku2.get("relay").asBoolean(),
                waku2.get("store").asBoolean(), waku2.get("filter").asBoolean(), waku2.get("lightPush").asBoolean()),
                waku2.toString());
        assertEquals(1, enr.get("shardInfo").get("clusterId").asInt());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ints(enr.get("shardInfo").get("shards")));
        assertEquals(java.address(), enr.get("tcpAddr").asText());

        JsonNode dialed = light.call("dial", "dialed", "addr", enr.get("tcpAddr").asText(),
                "protocols", List.of("lightpush"));
        assertEquals(java.node().peerId().value(), dialed.get("remotePeer").asText());
    }

    /**
     * From 64 shards on the record holds the {@code rsv} bit vector, which nwaku writes least significant bit first
     * and js-waku 0.0.36 reads most significant bit first: js agrees on whole bytes of shards, and reads shard 100
     * (byte 12, bit 4) as 99.
     */
    @Test
    void jsWakuReadsTheRsvBitVectorInItsOwnBitOrder() throws Exception {
        List<Integer> shards = IntStream.concat(IntStream.range(0, 64), IntStream.of(100)).boxed().toList();
        JavaNode java = javaNode(new ShardingConfig(5, shards, 0), Optional.empty());
        JsPeer light = lightNode(5);

        JsonNode enr = light.call("decodeEnr", "enr", "enr", java.node().enrUri().orElseThrow());

        List<Integer> expected = new ArrayList<>(shards.subList(0, 64));
        expected.add(99);
        assertEquals(5, enr.get("shardInfo").get("clusterId").asInt());
        assertEquals(expected, ints(enr.get("shardInfo").get("shards")));
        assertEquals(List.of(true, false, true, true), List.of(enr.get("waku2").get("relay").asBoolean(),
                enr.get("waku2").get("store").asBoolean(), enr.get("waku2").get("filter").asBoolean(),
                enr.get("waku2").get("lightPush").asBoolean()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }
}
