package io.logos.delivery.kernel.enr;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node record (EIP-778) with the keys Waku adds (WAKU2-ENR), decoded and verified: a record of the
 * {@code v4} identity scheme whose signature checks out against its {@code secp256k1} key, whose keys are
 * sorted and unique, at most {@value #MAX_SIZE} bytes, and whose values under the keys read here are well
 * formed. Immutable; equal records have equal bytes.
 *
 * <p>Read one with {@link #parse(String)} or {@link #decode(byte[])}, make one with {@link EnrBuilder}.
 */
public final class Enr {

    /** The largest encoded record EIP-778 allows. */
    public static final int MAX_SIZE = 300;
    /** What the text form starts with. */
    public static final String TEXT_PREFIX = "enr:";
    /** Unpadded base64 of {@link #MAX_SIZE} bytes. */
    private static final int MAX_TEXT_LENGTH = TEXT_PREFIX.length() + (MAX_SIZE * 4 + 2) / 3;
    private static final int PORT_BYTES = 2;
    private static final int SEQ_BYTES = Long.BYTES;

    private final byte[] encoded;
    private final long seq;
    /** The values by key; keys are the raw key bytes as ISO-8859-1 text, so their order is the bytes' order. */
    private final SortedMap<String, RlpItem> pairs;
    private final PubKey publicKey;
    private final Optional<Inet4Address> ip;
    private final Optional<Inet6Address> ip6;
    private final OptionalInt tcp;
    private final OptionalInt udp;
    private final OptionalInt tcp6;
    private final OptionalInt udp6;
    private final List<Multiaddr> multiaddrs;
    private final Set<WakuCapability> capabilities;
    private final Optional<RelayShards> relayShards;

    /** Reads the values of the keys this class knows, so that its accessors cannot fail. */
    private Enr(byte[] encoded, long seq, SortedMap<String, RlpItem> pairs, PubKey publicKey) {
        this.encoded = encoded;
        this.seq = seq;
        this.pairs = Collections.unmodifiableSortedMap(pairs);
        this.publicKey = publicKey;
        this.ip = address("ip", 4).map(Inet4Address.class::cast);
        this.ip6 = address("ip6", 16).map(Inet6Address.class::cast);
        this.tcp = port("tcp");
        this.udp = port("udp");
        this.tcp6 = port("tcp6");
        this.udp6 = port("udp6");
        this.multiaddrs = bytes(MultiaddrsField.KEY).map(MultiaddrsField::decode).orElse(List.of());
        this.capabilities = readCapabilities();
        this.relayShards = readRelayShards();
    }

    /**
     * Reads the text form {@code enr:<base64url>}.
     *
     * @throws InvalidEnrException saying what is wrong with {@code text}
     */
    public static Enr parse(String text) {
        if (!text.startsWith(TEXT_PREFIX)) {
            throw new InvalidEnrException("a node record's text starts with '" + TEXT_PREFIX + "'");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidEnrException("the text is " + text.length() + " characters, so the record is larger than "
                    + MAX_SIZE + " bytes");
        }
        String base64 = text.substring(TEXT_PREFIX.length());
        if (base64.indexOf('=') >= 0) {
            throw new InvalidEnrException("the base64 of a node record is written without padding");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnrException("the text after '" + TEXT_PREFIX + "' is not base64url: " + e.getMessage(), e);
        }
        return decode(bytes);
    }

    /**
     * Reads the binary form, the RLP list {@code [signature, seq, k, v, …]}, and verifies its signature.
     *
     * @throws InvalidEnrException saying what is wrong with {@code bytes}
     */
    public static Enr decode(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new InvalidEnrException("the record is " + bytes.length + " bytes, more than the " + MAX_SIZE
                    + " EIP-778 allows");
        }
        RlpItem record = Rlp.decode(bytes);
        if (!record.list()) {
            throw new InvalidEnrException("a node record is an RLP list, not a string");
        }
        List<RlpItem> items = record.children();
        if (items.size() < 2 || items.size() % 2 != 0) {
            throw new InvalidEnrException("a node record lists a signature, a sequence number and key/value pairs, but"
                    + " it has " + items.size() + " items");
        }
        byte[] signature = string(items.get(0), "the signature");
        long seq = Rlp.decodeUnsigned(string(items.get(1), "seq"), SEQ_BYTES, "seq");
        SortedMap<String, RlpItem> pairs = pairs(items.subList(2, items.size()));
        String id = Optional.ofNullable(pairs.get("id")).map(value -> string(value, "id"))
                .map(value -> new String(value, StandardCharsets.ISO_8859_1))
                .orElseThrow(() -> new InvalidEnrException("the record has no 'id' (identity scheme)"));
        if (!id.equals(V4Identity.ID)) {
            throw new InvalidEnrException("the identity scheme '" + id + "' is not supported, only 'v4'");
        }
        PubKey publicKey = publicKey(pairs);
        List<byte[]> content = items.subList(1, items.size()).stream().map(RlpItem::encoded).toList();
        V4Identity.verify(publicKey.raw(), Rlp.encodeList(content), signature);
        return new Enr(bytes.clone(), seq, pairs, publicKey);
    }

    /** The key/value items as a map, refusing keys out of order or repeated. */
    private static SortedMap<String, RlpItem> pairs(List<RlpItem> keysAndValues) {
        SortedMap<String, RlpItem> pairs = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            String key = new String(string(keysAndValues.get(i), "a key"), StandardCharsets.ISO_8859_1);
            if (previous != null && key.compareTo(previous) <= 0) {
                throw new InvalidEnrException(key.equals(previous) ? "the key '" + key + "' appears twice"
                        : "the keys are not sorted: '" + key + "' follows '" + previous + "'");
            }
            pairs.put(key, keysAndValues.get(i + 1));
            previous = key;
        }
        return pairs;
    }

    private static byte[] string(RlpItem item, String what) {
        if (item.list()) {
            throw new InvalidEnrException(what + " must be a byte string, not a list");
        }
        return item.payload();
    }

    private static PubKey publicKey(SortedMap<String, RlpItem> pairs) {
        byte[] raw = Optional.ofNullable(pairs.get("secp256k1")).map(value -> string(value, "secp256k1"))
                .orElseThrow(() -> new InvalidEnrException("a v4 record needs a 'secp256k1' public key"));
        try {
            return Keys.publicKeyFromRaw(KeyType.SECP256K1, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnrException("secp256k1: " + e.getMessage(), e);
        }
    }

    private Set<WakuCapability> readCapabilities() {
        return bytes("waku2").map(value -> {
            if (value.length != 1) {
                throw new InvalidEnrException("waku2 is " + value.length + " bytes; it is one byte of flags");
            }
            return Set.copyOf(WakuCapability.fromBitfield(value[0]));
        }).orElse(Set.of());
    }

    /** {@code rs} when present, else {@code rsv}: WAKU2-ENR says to ignore {@code rsv} beside {@code rs}. */
    private Optional<RelayShards> readRelayShards() {
        Optional<byte[]> indexList = bytes(RelayShards.INDEX_LIST_KEY);
        if (indexList.isPresent()) {
            return indexList.map(RelayShards::decodeIndexList);
        }
        return bytes(RelayShards.BIT_VECTOR_KEY).map(RelayShards::decodeBitVector);
    }

    /** The text form: {@code enr:} and the unpadded base64url of the bytes. */
    public String toText() {
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
    }

    /** The binary form, as signed. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** The sequence number, an unsigned 64-bit integer (see {@link Long#toUnsignedString(long)}). */
    public long seq() {
        return seq;
    }

    /** The keys, in the record's order. */
    public Set<String> keys() {
        return pairs.keySet();
    }

    /**
     * The value under {@code key}: the bytes of a byte string, or the RLP encoding of a list (as some
     * Ethereum keys hold).
     */
    public Optional<byte[]> value(String key) {
        return Optional.ofNullable(pairs.get(key)).map(item -> (item.list() ? item.encoded() : item.payload()).clone());
    }

    private Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(pairs.get(key)).map(item -> string(item, key));
    }

    /** The node's key. */
    public PubKey publicKey() {
        return publicKey;
    }

    /** The libp2p peer id of the node's key. */
    public PeerId peerId() {
        return PeerId.fromPublicKey(publicKey);
    }

    public Optional<Inet4Address> ip() {
        return ip;
    }

    public Optional<Inet6Address> ip6() {
        return ip6;
    }

    private Optional<InetAddress> address(String key, int length) {
        return bytes(key).map(value -> {
            if (value.length != length) {
                throw new InvalidEnrException(key + " is " + value.length + " bytes, not " + length);
            }
            try {
                return InetAddress.getByAddress(value);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException("the length was checked", impossible);
            }
        });
    }

    public OptionalInt tcp() {
        return tcp;
    }

    public OptionalInt udp() {
        return udp;
    }

    public OptionalInt tcp6() {
        return tcp6;
    }

    public OptionalInt udp6() {
        return udp6;
    }

    private OptionalInt port(String key) {
        return bytes(key).map(value -> OptionalInt.of((int) Rlp.decodeUnsigned(value, PORT_BYTES, key)))
                .orElse(OptionalInt.empty());
    }

    /** The {@code multiaddrs} field: addresses without {@code /p2p}; those this stack cannot read are left out. */
    public List<Multiaddr> multiaddrs() {
        return multiaddrs;
    }

    /** What the {@code waku2} field announces; empty without it (a record that is not a Waku node's). */
    public Set<WakuCapability> capabilities() {
        return capabilities;
    }

    /** The relay shards from {@code rs}, or else {@code rsv}. */
    public Optional<RelayShards> relayShards() {
        return relayShards;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Enr enr && Arrays.equals(encoded, enr.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return toText();
    }
}
