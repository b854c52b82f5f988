package io.logos.delivery.kernel.enr;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Makes and signs a node record with a secp256k1 key ({@code v4} identity scheme). The {@code id} and
 * {@code secp256k1} keys come from the key; the sequence number is 1 unless set (nwaku's choice). Setting a
 * key twice keeps the last value.
 */
public final class EnrBuilder {

    private static final int MAX_PORT = 0xFFFF;

    private final PrivKey key;
    private long seq = 1;
    /** Encoded values by key; the ASCII keys sort as their bytes do. */
    private final SortedMap<String, byte[]> pairs = new TreeMap<>();

    /** @throws IllegalArgumentException unless {@code key} is a secp256k1 key */
    public EnrBuilder(PrivKey key) {
        if (key.type() != KeyType.SECP256K1) {
            throw new IllegalArgumentException("a v4 node record needs a secp256k1 key, not " + key.type());
        }
        this.key = key;
        pairs.put("id", Rlp.encodeString(V4Identity.ID.getBytes(StandardCharsets.US_ASCII)));
        pairs.put("secp256k1", Rlp.encodeString(key.publicKey().raw()));
    }

    /** The sequence number, an unsigned 64-bit integer. */
    public EnrBuilder seq(long value) {
        seq = value;
        return this;
    }

    /** {@code ip} for an IPv4 address, {@code ip6} for an IPv6 one. */
    public EnrBuilder ip(InetAddress address) {
        return bytes(address instanceof Inet4Address ? "ip" : "ip6", address.getAddress());
    }

    public EnrBuilder tcp(int port) {
        return port("tcp", port);
    }

    public EnrBuilder udp(int port) {
        return port("udp", port);
    }

    public EnrBuilder tcp6(int port) {
        return port("tcp6", port);
    }

    public EnrBuilder udp6(int port) {
        return port("udp6", port);
    }

    private EnrBuilder port(String portKey, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException(portKey + " port must be 0.." + MAX_PORT + ", was " + port);
        }
        pairs.put(portKey, Rlp.encodeUnsigned(port));
        return this;
    }

    /** The {@code multiaddrs} field: addresses the other keys cannot express; their {@code /p2p} parts are dropped. */
    public EnrBuilder multiaddrs(List<Multiaddr> addresses) {
        return bytes(MultiaddrsField.KEY, MultiaddrsField.encode(addresses));
    }

    /** The {@code waku2} field. */
    public EnrBuilder capabilities(Set<WakuCapability> capabilities) {
        return bytes("waku2", new byte[] {WakuCapability.toBitfield(capabilities)});
    }

    /** {@code rs} below {@value RelayShards#INDEX_LIST_LIMIT} shards, {@code rsv} from there on (never both). */
    public EnrBuilder relayShards(RelayShards shards) {
        pairs.remove(RelayShards.INDEX_LIST_KEY);
        pairs.remove(RelayShards.BIT_VECTOR_KEY);
        return bytes(shards.key(), shards.encode());
    }

    private EnrBuilder bytes(String fieldKey, byte[] value) {
        pairs.put(fieldKey, Rlp.encodeString(value));
        return this;
    }

    /**
     * Signs the record.
     *
     * @throws IllegalStateException when it would be larger than {@value Enr#MAX_SIZE} bytes
     */
    public Enr build() {
        List<byte[]> content = new ArrayList<>();
        content.add(Rlp.encodeUnsigned(seq));
        for (Map.Entry<String, byte[]> pair : pairs.entrySet()) {
            content.add(Rlp.encodeString(pair.getKey().getBytes(StandardCharsets.US_ASCII)));
            content.add(pair.getValue());
        }
        List<byte[]> record = new ArrayList<>();
        record.add(Rlp.encodeString(V4Identity.sign(key, Rlp.encodeList(content))));
        record.addAll(content);
        byte[] encoded = Rlp.encodeList(record);
        if (encoded.length > Enr.MAX_SIZE) {
            throw new IllegalStateException("the record would be " + encoded.length + " bytes, more than the "
                    + Enr.MAX_SIZE + " EIP-778 allows");
        }
        return Enr.decode(encoded);
    }
}
