package io.logos.delivery.kernel.enr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Records made by others decode, verified, to the values spec/metadata-peerexchange-enr.md §3 lists. */
class EnrVectorTest {

    /** EIP-778's example: seq 1, ip 127.0.0.1, udp 30303, signed with {@link #EIP778_KEY}. */
    static final String EIP778_RECORD = "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R"
            + "33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";
    static final String EIP778_KEY = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291";
    /** Vector 1: nwaku's tests/test_waku_enr.nim "decode record with multiaddrs field". */
    static final String NWAKU_MULTIADDRS = "enr:-QEMuEAs8JmmyUI3b9v_ADqYtELHUYAsAMS21lA2BMtrzF86tVmyy9cCrhmzfHGHx_g3nybn7jIRy"
            + "bzXTGNj3C2KzrriAYJpZIJ2NIJpcISf3_Jeim11bHRpYWRkcnO4XAArNiZzdG9yZS0wMS5kby1hbXMzLnN0YXR1cy5wcm9kLnN0YXR1c"
            + "y5pbQZ2XwAtNiZzdG9yZS0wMS5kby1hbXMzLnN0YXR1cy5wcm9kLnN0YXR1cy5pbQYBu94DgnJzjQAQBQABACAAQACAAQCJc2VjcDI1"
            + "NmsxoQLfoaQH3oSYW59yxEBfeAZbltmUnC4BzYkHqer2VQMTyoN0Y3CCdl-DdWRwgiMohXdha3UyAw";
    /** Vector 2: the first Waku sandbox (TWN) bootstrap record of logos-delivery's networks_config.nim. */
    static final String TWN_BOOTSTRAP = "enr:-QESuED0qW1BCmF-oH_ARGPr97Nv767bl_43uoy70vrbah3EaCAdK3Q0iRQ6wkSTTpdrg_dU_NC2ydO"
            + "8leSlRpBX4pxiAYJpZIJ2NIJpcIRA4VDAim11bHRpYWRkcnO4XAArNiZub2RlLTAxLmRvLWFtczMud2FrdS5zYW5kYm94LnN0YXR1cy5p"
            + "bQZ2XwAtNiZub2RlLTAxLmRvLWFtczMud2FrdS5zYW5kYm94LnN0YXR1cy5pbQYfQN4DgnJzkwABCAAAAAEAAgADAAQABQAGAAeJc2Vj"
            + "cDI1NmsxoQOTd-h5owwj-cx7xrmbvQKU8CV3Fomfdvcv1MBc-67T5oN0Y3CCdl-DdWRwgiMohXdha3UyDw";
    /** Vector 3: an Ethereum consensus-layer record, without any Waku key. */
    static final String ETHEREUM = "enr:-KG4QOtcP9X1FbIMOe17QNMKqDxCpm14jcX5tiOE4_TyMrFqbmhPZHK_ZPG2Gxb1GE2xdtodOfx9-cg"
            + "vNtxnRyHEmC0ghGV0aDKQ9aX9QgAAAAD__________4JpZIJ2NIJpcIQDE8KdiXNlY3AyNTZrMaEDhpehBDbZjM_L9ek699Y7vhUJ-eAdMy"
            + "QW_Fil522Y0fODdGNwgiMog3VkcIIjKA";

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void eip778ExampleDecodes() throws Exception {
        Enr enr = Enr.parse(EIP778_RECORD);

        assertEquals(1, enr.seq());
        assertEquals(List.of("id", "ip", "secp256k1", "udp"), List.copyOf(enr.keys()));
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), enr.ip());
        assertEquals(OptionalInt.of(30303), enr.udp());
        assertEquals(OptionalInt.empty(), enr.tcp());
        assertEquals("03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138",
                HEX.formatHex(enr.publicKey().raw()));
        assertEquals(Set.of(), enr.capabilities());
        assertEquals(EIP778_RECORD, enr.toText());
    }

    @Test
    void eip778ExampleIsReproducedByteForByteFromItsKey() throws Exception {
        Enr made = new EnrBuilder(Keys.secp256k1FromNodeKey(EIP778_KEY))
                .ip(InetAddress.getByName("127.0.0.1")).udp(30303).build();

        assertEquals(EIP778_RECORD, made.toText());
        assertArrayEquals(Enr.parse(EIP778_RECORD).toBytes(), made.toBytes());
    }

    @Test
    void nwakuRecordWithMultiaddrsDecodesToTheSpecTable() throws Exception {
        Enr enr = Enr.parse(NWAKU_MULTIADDRS);

        assertEquals(1, enr.seq());
        assertEquals(Optional.of(InetAddress.getByName("159.223.242.94")), enr.ip());
        assertEquals(OptionalInt.of(30303), enr.tcp());
        assertEquals(OptionalInt.of(9000), enr.udp());
        assertEquals(List.of(Multiaddr.parse("/dns4/store-01.do-ams3.status.prod.status.im/tcp/30303"),
                Multiaddr.parse("/dns4/store-01.do-ams3.status.prod.status.im/tcp/443/wss")), enr.multiaddrs());
        assertEquals(Optional.of(new RelayShards(16, List.of(1, 32, 64, 128, 256))), enr.relayShards());
        assertArrayEquals(HEX.parseHex("00100500010020004000800100"), enr.value("rs").orElseThrow());
        assertEquals(Set.of(WakuCapability.RELAY, WakuCapability.STORE), enr.capabilities());
        byte[] key = HEX.parseHex("02dfa1a407de84985b9f72c4405f78065b96d9949c2e01cd8907a9eaf6550313ca");
        assertArrayEquals(key, enr.publicKey().raw());
        assertEquals(PeerId.fromPublicKey(Keys.publicKeyFromRaw(KeyType.SECP256K1, key)), enr.peerId());
    }

    @Test
    void sandboxBootstrapRecordDecodesToTheSpecTable() throws Exception {
        Enr enr = Enr.parse(TWN_BOOTSTRAP);

        assertEquals(Optional.of(new RelayShards(1, List.of(0, 1, 2, 3, 4, 5, 6, 7))), enr.relayShards());
        assertEquals(Set.of(WakuCapability.RELAY, WakuCapability.STORE, WakuCapability.FILTER,
                WakuCapability.LIGHTPUSH), enr.capabilities());
        assertEquals(List.of(Multiaddr.parse("/dns4/node-01.do-ams3.waku.sandbox.status.im/tcp/30303"),
                Multiaddr.parse("/dns4/node-01.do-ams3.waku.sandbox.status.im/tcp/8000/wss")), enr.multiaddrs());
        assertEquals(OptionalInt.of(30303), enr.tcp());
        assertEquals(OptionalInt.of(9000), enr.udp());
        assertEquals(Optional.of(InetAddress.getByName("64.225.80.192")), enr.ip());
    }

    @Test
    void ethereumRecordHasNoWakuCapabilitiesNorShards() throws Exception {
        Enr enr = Enr.parse(ETHEREUM);

        assertEquals(Set.of(), enr.capabilities());
        assertEquals(Optional.empty(), enr.relayShards());
        assertEquals(List.of(), enr.multiaddrs());
        assertTrue(enr.keys().contains("eth2"));
        assertEquals(Optional.of(InetAddress.getByName("3.19.194.157")), enr.ip());
        assertEquals(OptionalInt.of(9000), enr.tcp());
        assertEquals(OptionalInt.of(9000), enr.udp());
    }
}
