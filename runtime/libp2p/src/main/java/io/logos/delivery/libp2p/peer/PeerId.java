package io.logos.delivery.libp2p.peer;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.multiformats.BaseX;
import io.logos.delivery.libp2p.multiformats.Multibase;
import io.logos.delivery.libp2p.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer id: the multihash of a peer's marshalled public key, the identity multihash when
 * the key marshals to at most 42 bytes (Ed25519, secp256k1), SHA-256 otherwise.
 *
 * <p>Text forms: raw base58btc ({@code 12D3KooW…} for Ed25519, {@code 16Uiu2…} for secp256k1,
 * {@code Qm…} when hashed), the default of {@link #toString()}; and a CIDv1 with the
 * {@code libp2p-key} codec in multibase base32 ({@code bafz…}). {@link #parse(String)} reads both.
 */
public final class PeerId {

    /** Keys that marshal to more bytes than this are hashed rather than inlined. */
    static final int MAX_INLINE_KEY_BYTES = 42;
    private static final int IDENTITY = 0x00;
    private static final int SHA2_256 = 0x12;
    private static final int SHA2_256_BYTES = 32;
    private static final int CID_V1 = 0x01;
    private static final int LIBP2P_KEY_CODEC = 0x72;

    private final byte[] multihash;

    private PeerId(byte[] multihash) {
        this.multihash = multihash;
    }

    /** The peer id of {@code key}. */
    public static PeerId fromPublicKey(PubKey key) {
        return fromMarshalledPublicKey(key.marshal());
    }

    /** The peer id of a key given as its libp2p {@code PublicKey} protobuf. */
    static PeerId fromMarshalledPublicKey(byte[] marshalledKey) {
        ByteArrayOutputStream multihash = new ByteArrayOutputStream();
        byte[] digest;
        if (marshalledKey.length <= MAX_INLINE_KEY_BYTES) {
            multihash.write(IDENTITY);
            digest = marshalledKey;
        } else {
            multihash.write(SHA2_256);
            digest = sha256(marshalledKey);
        }
        Varint.write(digest.length, multihash);
        multihash.writeBytes(digest);
        return new PeerId(multihash.toByteArray());
    }

    /**
     * Reads a peer id from its binary form, a multihash.
     *
     * @throws IllegalArgumentException unless {@code bytes} is exactly one identity multihash of at
     *     most 42 bytes or one SHA-256 multihash with a 32-byte digest
     */
    public static PeerId fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long code;
        long length;
        try {
            code = Varint.read(in);
            length = Varint.read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peer id is not a multihash: " + e.getMessage(), e);
        }
        if (code != IDENTITY && code != SHA2_256) {
            throw new IllegalArgumentException(
                    "peer id multihash uses hash code 0x" + Long.toHexString(code) + "; only identity (0x00) and sha2-256 (0x12) are allowed");
        }
        if (code == IDENTITY && length > MAX_INLINE_KEY_BYTES) {
            // longer keys are hashed; an unbounded inline digest made base58 text quadratic to compute
            throw new IllegalArgumentException("peer id's identity multihash inlines " + length
                    + " bytes; keys of more than " + MAX_INLINE_KEY_BYTES + " bytes are hashed");
        }
        if (code == SHA2_256 && length != SHA2_256_BYTES) {
            throw new IllegalArgumentException("peer id's sha2-256 digest must be 32 bytes, its multihash says " + length);
        }
        if (length != in.remaining()) {
            throw new IllegalArgumentException(
                    "peer id multihash announces a " + length + "-byte digest but carries " + in.remaining() + " bytes");
        }
        return new PeerId(bytes.clone());
    }

    /**
     * Reads a peer id's text form: raw base58btc ({@code 1…} or {@code Qm…}) or a multibase CIDv1
     * with the {@code libp2p-key} codec.
     *
     * @throws IllegalArgumentException saying why {@code text} is not a peer id
     */
    public static PeerId parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("peer id text is empty");
        }
        try {
            return text.startsWith("1") || text.startsWith("Qm")
                    ? fromBytes(BaseX.BASE58_BTC.decode(text))
                    : fromCid(Multibase.decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a peer id: " + e.getMessage(), e);
        }
    }

    private static PeerId fromCid(byte[] cid) {
        ByteBuffer in = ByteBuffer.wrap(cid);
        long version = Varint.read(in);
        if (version != CID_V1) {
            throw new IllegalArgumentException("peer id CID must be CIDv1, got version " + version);
        }
        long codec = Varint.read(in);
        if (codec != LIBP2P_KEY_CODEC) {
            throw new IllegalArgumentException(
                    "peer id CID must use the libp2p-key codec (0x72), got 0x" + Long.toHexString(codec));
        }
        return fromBytes(Arrays.copyOfRange(cid, in.position(), cid.length));
    }

    /** The binary form: the multihash. */
    public byte[] toBytes() {
        return multihash.clone();
    }

    /** The raw base58btc text form, the one libp2p displays. */
    public String toBase58() {
        return BaseX.BASE58_BTC.encode(multihash);
    }

    /** The CIDv1 text form: {@code libp2p-key} codec, multibase base32. */
    public String toCidString() {
        ByteArrayOutputStream cid = new ByteArrayOutputStream();
        Varint.write(CID_V1, cid);
        Varint.write(LIBP2P_KEY_CODEC, cid);
        cid.writeBytes(multihash);
        return Multibase.encodeBase32(cid.toByteArray());
    }

    /**
     * The public key inlined in this peer id, or empty when the id is a SHA-256 hash.
     *
     * @throws IllegalArgumentException if the inlined bytes are not a supported public key
     */
    public Optional<PubKey> extractPublicKey() {
        if (multihash[0] != IDENTITY) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(multihash, 1, multihash.length - 1);
        Varint.read(in);
        return Optional.of(Keys.unmarshalPublicKey(Arrays.copyOfRange(multihash, in.position(), multihash.length)));
    }

    /** Whether this is the peer id of {@code key}. */
    public boolean matches(PubKey key) {
        return equals(fromPublicKey(key));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId id && Arrays.equals(multihash, id.multihash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(multihash);
    }

    /** The base58btc form, as {@link #toBase58()}. */
    @Override
    public String toString() {
        return toBase58();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
