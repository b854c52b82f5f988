package io.logos.delivery.libp2p.multiaddr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MultiaddrTest {

    private static final String PEER = "16Uiu2HAmDJQXZM39z5TzoZN7Sw8tbwjR6Evg9CFmiWhLbnSFGADL";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** go-multiaddr TestStringToBytes / TestBytesToString / TestBinaryRepresentation. */
    @Test
    void convertsGoMultiaddrVectorsBothWays() {
        assertVector("/ip4/127.0.0.1/udp/1234", "047f000001910204d2");
        assertVector("/ip4/127.0.0.1/tcp/4321", "047f0000010610e1");
        assertVector("/ip4/127.0.0.1/udp/1234/ip4/127.0.0.1/tcp/4321", "047f000001910204d2047f0000010610e1");
        // go-multiaddr TestZone, without its ip6zone prefix
        assertVector("/ip6/::1", "29" + "00".repeat(15) + "01");
    }

    /** Built from the codes in multiaddr's protocols.csv, as nwaku's addresses use them. */
    @Test
    void convertsWebSocketDnsAndPeerIdAddresses() {
        String peerHex = HexFormat.of().formatHex(PeerId.parse(PEER).toBytes());
        assertVector("/dns4/node.example/tcp/443/wss/p2p/" + PEER,
                "36" + "0c" + HexFormat.of().formatHex("node.example".getBytes()) + "0601bb" + "de03" + "a503" + "27" + peerHex);
        assertVector("/dns6/a.b/tcp/8000/ws", "3703612e62" + "061f40" + "dd03");
        assertVector("/dnsaddr/boot.example/p2p-circuit", "380c" + HexFormat.of().formatHex("boot.example".getBytes()) + "a202");
        assertVector("/dns/x/udp/9000/quic-v1", "350178" + "91022328" + "cd03");
        assertVector("/ip4/1.2.3.4/tcp/80/tls/ws", "0401020304" + "060050" + "c003" + "dd03");
    }

    private static void assertVector(String text, String binary) {
        Multiaddr fromText = Multiaddr.parse(text);
        assertArrayEquals(hex(binary), fromText.toBytes(), text);
        Multiaddr fromBinary = Multiaddr.fromBytes(hex(binary));
        assertEquals(text, fromBinary.toString());
        assertEquals(fromText, fromBinary);
        assertEquals(fromText.hashCode(), fromBinary.hashCode());
    }

    /** go-multiaddr TestRoundTrip and TestIPFSvP2P, for the protocols supported here. */
    @Test
    void roundTripsCanonicalTextAndReadsTheLegacyIpfsName() {
        for (String text : List.of("/ip6/::ffff:127.0.0.1/tcp/111", "/ip4/127.0.0.1/tcp/123", "/ip4/127.0.0.1/tcp/123/tls",
                "/ip4/127.0.0.1/udp/123", "/ip4/127.0.0.1/udp/123/ip6/::", "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP",
                "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic-v1")) {
            assertEquals(text, Multiaddr.parse(text).toString());
        }
        assertEquals("/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP",
                Multiaddr.parse("/ipfs/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP").toString());
        assertEquals("/ip4/127.0.0.1/tcp/1234", Multiaddr.parse("/ip4/127.0.0.1/tcp/1234/").toString());
        assertEquals("/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
                Multiaddr.parse("/p2p/bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u").toString());
    }

    /** go-multiaddr's "good" list, for the protocols supported here. */
    @Test
    void acceptsGoMultiaddrGoodAddresses() {
        for (String text : List.of("/ip4/1.2.3.4", "/ip4/0.0.0.0", "/ip6/::1", "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21",
                "/udp/0", "/tcp/0", "/udp/1234", "/tcp/1234", "/udp/65535", "/tcp/65535",
                "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC", "/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
                "/p2p/bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm", "/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
                "/p2p/k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
                "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
                "/ip4/127.0.0.1/udp/1234/quic-v1", "/ip4/127.0.0.1/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
                "/ip4/127.0.0.1/tcp/127/ws", "/ip4/127.0.0.1/tcp/127/tls/ws", "/ip4/127.0.0.1/tcp/127/wss")) {
            Multiaddr parsed = Multiaddr.parse(text);
            assertEquals(parsed, Multiaddr.parse(parsed.toString()), text);
            assertEquals(parsed, Multiaddr.fromBytes(parsed.toBytes()), text);
        }
    }

    /** go-multiaddr TestConstructFails and TestInvalidP2PAddrString, for the protocols supported here. */
    @Test
    void rejectsGoMultiaddrBadAddresses() {
        for (String text : List.of("/ip4", "/ip4/::1", "/ip4/fdpsofodsajfdoisa", "/ip6", "/udp", "/tcp", "/udp/65536",
                "/tcp/65536", "/ip4/127.0.0.1/udp/jfodsajfidosajfoidsa", "/ip4/127.0.0.1/udp", "/ip4/127.0.0.1/tcp/jfodsajfidosajfoidsa",
                "/ip4/127.0.0.1/tcp", "/ip4/127.0.0.1/ipfs", "/ip4/127.0.0.1/ipfs/tcp", "/ip4/127.0.0.1/p2p", "/ip4/127.0.0.1/p2p/tcp",
                "/ip4/1.2.3.4/tcp/-1", "/", "", "/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY",
                "/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl-", "/p2p/?unknownmultibase",
                "/p2p/k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z")) {
            assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(text), text);
        }
    }

    @Test
    void errorMessagesSayWhatIsWrong() {
        assertMessage("unknown protocol 'http'", () -> Multiaddr.parse("/ip4/1.2.3.4/tcp/80/http"));
        assertMessage("/tcp lacks its value", () -> Multiaddr.parse("/ip4/1.2.3.4/tcp"));
        assertMessage("'65536' is not a port number", () -> Multiaddr.parse("/tcp/65536"));
        assertMessage("'1.2.3.256' is not an IPv4 address", () -> Multiaddr.parse("/ip4/1.2.3.256"));
        assertMessage("starts with '/'", () -> Multiaddr.parse("ip4/1.2.3.4"));
        assertMessage("empty protocol name", () -> Multiaddr.parse("/ip4/1.2.3.4//tcp/1"));
        assertMessage("truncated: /ip4 needs 4 value bytes, 2 left", () -> Multiaddr.fromBytes(hex("047f00")));
        assertMessage("truncated: /dns4 needs 12 value bytes, 1 left", () -> Multiaddr.fromBytes(hex("360c61")));
        assertMessage("at byte 5: unknown protocol code 0x1e0", () -> Multiaddr.fromBytes(hex("047f000001e003")));
        assertMessage("ends inside a varint", () -> Multiaddr.fromBytes(hex("047f000001a5")));
        assertMessage("must not be empty", () -> Multiaddr.fromBytes(new byte[0]));
        // go-multiaddr TestInvalidP2PAddrBytes: a sha2-256 multihash announcing 33 digest bytes
        assertMessage("bad /p2p value", () -> Multiaddr.fromBytes(hex("a503221221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6")));
        assertMessage("domain name must be non-empty and free of '/'", () -> Multiaddr.fromBytes(hex("3603612f62")));
    }

    /** go-multiaddr TestEncapsulate and TestDecapsulate. */
    @Test
    void encapsulatesAndDecapsulatesLikeGoMultiaddr() {
        Multiaddr base = Multiaddr.parse("/ip4/127.0.0.1/udp/1234");
        Multiaddr joined = base.encapsulate(Multiaddr.parse("/udp/5678"));
        assertEquals("/ip4/127.0.0.1/udp/1234/udp/5678", joined.toString());
        assertEquals(Optional.of(base), joined.decapsulate(Multiaddr.parse("/udp/5678")));
        assertEquals(Optional.empty(), base.decapsulate(Multiaddr.parse("/ip4/127.0.0.1")));

        String[][] cases = {
            {"/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4", ""},
            {"/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4"},
            {"/ip4/1.2.3.5/tcp/1234", "/ip4/5.3.2.1", "/ip4/1.2.3.5/tcp/1234"},
            {"/ip4/1.2.3.5/udp/1234/quic-v1", "/udp/1234", "/ip4/1.2.3.5"},
            {"/ip4/1.2.3.6/udp/1234/quic-v1", "/udp/1234/quic-v1", "/ip4/1.2.3.6"},
            {"/ip4/1.2.3.7/tcp/1234", "/ws", "/ip4/1.2.3.7/tcp/1234"},
            {"/dnsaddr/wss.com/tcp/4001", "/ws", "/dnsaddr/wss.com/tcp/4001"},
            {"/dnsaddr/wss.com/tcp/4001/ws", "/wss", "/dnsaddr/wss.com/tcp/4001/ws"},
            {"/dnsaddr/wss.com/ws", "/wss", "/dnsaddr/wss.com/ws"},
            {"/dnsaddr/wss.com/ws", "/dnsaddr/wss.com", ""},
            {"/dnsaddr/wss.com/tcp/4001/wss", "/wss", "/dnsaddr/wss.com/tcp/4001"},
        };
        for (String[] c : cases) {
            Optional<Multiaddr> result = Multiaddr.parse(c[0]).decapsulate(Multiaddr.parse(c[1]));
            assertEquals(c[2].isEmpty() ? Optional.empty() : Optional.of(Multiaddr.parse(c[2])), result, c[0] + " minus " + c[1]);
        }
    }

    @Test
    void exposesPeerIdHostAndPort() {
        Multiaddr address = Multiaddr.parse("/dns4/node.example/tcp/30303/wss/p2p/" + PEER);
        assertEquals(Optional.of(PeerId.parse(PEER)), address.peerId());
        assertEquals(Optional.of("node.example"), address.host());
        assertEquals(OptionalInt.of(30303), address.tcpPort());
        assertEquals(Optional.of(Multiaddr.parse("/dns4/node.example/tcp/30303/wss")), address.decapsulate(Protocol.P2P));
        assertEquals(Optional.of("30303"), address.valueOf(Protocol.TCP));
        assertEquals(List.of(Protocol.DNS4, Protocol.TCP, Protocol.WSS, Protocol.P2P),
                address.components().stream().map(Component::protocol).toList());

        Multiaddr plain = Multiaddr.parse("/ip6/::1/udp/60000");
        assertEquals(Optional.empty(), plain.peerId());
        assertEquals(Optional.of("::1"), plain.host());
        assertEquals(OptionalInt.empty(), plain.tcpPort());
        assertEquals(Optional.of(plain), plain.decapsulate(Protocol.P2P));
        assertNotEquals(plain, address);
    }

    @Test
    void buildsComponentsFromTextValues() {
        assertEquals("/tcp/80", Component.of(Protocol.TCP, "80").toString());
        assertEquals("/ws", Component.of(Protocol.WS, "").toString());
        assertMessage("/ws takes no value", () -> Component.of(Protocol.WS, "x"));
        assertEquals(Optional.of(Protocol.P2P), Protocol.forName("ipfs"));
        assertEquals(Optional.of(Protocol.UDP), Protocol.forCode(273));
    }

    private static void assertMessage(String expectedPart, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().contains(expectedPart), () -> "message was: " + error.getMessage());
    }
}
