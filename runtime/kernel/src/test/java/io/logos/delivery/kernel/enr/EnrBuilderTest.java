package io.logos.delivery.kernel.enr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Records this node makes read back to what was put in, with the Waku encodings nwaku writes. */
class EnrBuilderTest {

    private final PrivKey key = Keys.generate();

    @Test
    void everyFieldReadsBackFromTheText() throws Exception {
        Multiaddr wss = Multiaddr.parse("/dns4/node.example.org/tcp/443/wss/p2p/" + PeerId.fromPublicKey(key.publicKey()));
        Enr made = new EnrBuilder(key).seq(7).ip(InetAddress.getByName("10.1.2.3")).tcp(60000).udp(9000)
                .multiaddrs(List.of(wss, Multiaddr.parse("/ip4/10.1.2.3/tcp/8000/ws"), wss))
                .capabilities(Set.of(WakuCapability.RELAY, WakuCapability.FILTER))
                .relayShards(new RelayShards(16, List.of(45, 13, 14))).build();

        Enr read = Enr.parse(made.toText());

        assertEquals(made, read);
        assertEquals(7, read.seq());
        assertEquals(PeerId.fromPublicKey(key.publicKey()), read.peerId());
        assertEquals(Optional.of(InetAddress.getByName("10.1.2.3")), read.ip());
        assertEquals(OptionalInt.of(60000), read.tcp());
        assertEquals(OptionalInt.of(9000), read.udp());
        assertEquals(List.of(Multiaddr.parse("/dns4/node.example.org/tcp/443/wss"),
                Multiaddr.parse("/ip4/10.1.2.3/tcp/8000/ws")), read.multiaddrs());
        assertEquals(Set.of(WakuCapability.RELAY, WakuCapability.FILTER), read.capabilities());
        assertEquals(Optional.of(new RelayShards(16, List.of(13, 14, 45))), read.relayShards());
        assertEquals("05", HexFormat.of().formatHex(read.value("waku2").orElseThrow()));
    }

    @Test
    void ipv6GoesUnderIp6() throws Exception {
        Enr made = new EnrBuilder(key).ip(InetAddress.getByName("::1")).tcp6(60000).build();

        assertEquals(Optional.of(InetAddress.getByName("::1")), made.ip6());
        assertEquals(OptionalInt.of(60000), made.tcp6());
        assertEquals(Optional.empty(), made.ip());
    }

    @Test
    void fewShardsAreAnIndexList() {
        Enr made = new EnrBuilder(key).relayShards(new RelayShards(16, List.of(13, 14, 45))).build();

        assertEquals("001003000d000e002d", HexFormat.of().formatHex(made.value("rs").orElseThrow()));
        assertFalse(made.keys().contains("rsv"));
    }

    @Test
    void sixtyFourShardsOrMoreAreABitVectorInNwakusBitOrder() {
        List<Integer> shards = IntStream.concat(IntStream.of(13, 14, 45), IntStream.range(900, 961)).boxed().toList();
        Enr made = new EnrBuilder(key).relayShards(new RelayShards(1, List.of(1, 2)))
                .relayShards(new RelayShards(16, shards)).build();

        byte[] rsv = made.value("rsv").orElseThrow();
        assertEquals(130, rsv.length);
        assertEquals("0010", HexFormat.of().formatHex(rsv, 0, 2));
        assertEquals(0x60, rsv[2 + 1]); // shards 13, 14: byte 1, bits 5 and 6 counted from the least significant
        assertEquals(0x20, rsv[2 + 5]); // shard 45: byte 5, bit 5
        assertFalse(made.keys().contains("rs"), "the earlier index list is replaced");
        assertEquals(Optional.of(new RelayShards(16, shards)), made.relayShards());
    }

    @Test
    void theBitVectorHoldsShardsUpTo1023Only() {
        List<Integer> shards = IntStream.rangeClosed(1000, 1064).boxed().toList();

        assertThrows(IllegalArgumentException.class, () -> new EnrBuilder(key).relayShards(new RelayShards(1, shards)));
    }

    @Test
    void aRecordOver300BytesIsNotMade() {
        List<Multiaddr> many = IntStream.range(0, 20).mapToObj(i -> Multiaddr.parse("/dns4/node-" + i
                + ".example.org/tcp/443/wss")).toList();
        EnrBuilder builder = new EnrBuilder(key).multiaddrs(many);

        IllegalStateException refused = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(refused.getMessage().contains("more than the 300 EIP-778 allows"), refused.getMessage());
    }
}
