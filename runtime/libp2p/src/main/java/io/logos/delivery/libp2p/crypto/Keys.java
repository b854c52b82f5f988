package io.logos.delivery.libp2p.crypto;

import io.logos.delivery.libp2p.crypto.pb.PrivateKey;
import io.logos.delivery.libp2p.crypto.pb.PublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * Creates identity keys: generation, the libp2p protobuf forms, raw key bytes and nwaku's
 * {@code --nodekey} hex form. Every malformed input is rejected with an
 * {@link IllegalArgumentException} saying what is wrong with it.
 */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {}

    /** Generates a secp256k1 key, the default type (as in nwaku). */
    public static PrivKey generate() {
        return generate(KeyType.SECP256K1, RANDOM);
    }

    /** Generates a key of {@code type} from the shared {@link SecureRandom}. */
    public static PrivKey generate(KeyType type) {
        return generate(type, RANDOM);
    }

    /** Generates a key of {@code type} from {@code random}. */
    public static PrivKey generate(KeyType type, SecureRandom random) {
        return switch (type) {
            case ED25519 -> new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
            case SECP256K1 -> {
                BigInteger order = Secp256k1.DOMAIN.getN();
                BigInteger scalar = BigIntegers.createRandomInRange(BigInteger.ONE, order.subtract(BigInteger.ONE), random);
                yield Secp256k1PrivateKey.fromRaw(BigIntegers.asUnsignedByteArray(Secp256k1.PRIVATE_KEY_BYTES, scalar));
            }
        };
    }

    /** Decodes a libp2p {@code PublicKey} protobuf. */
    public static PubKey unmarshalPublicKey(byte[] protobuf) {
        PublicKey message = KeyProtobufs.parsePublicKey(protobuf);
        return publicKeyFromRaw(KeyType.fromProtobuf(message.getType()), message.getData().toByteArray());
    }

    /** Decodes a libp2p {@code PrivateKey} protobuf. */
    public static PrivKey unmarshalPrivateKey(byte[] protobuf) {
        PrivateKey message = KeyProtobufs.parsePrivateKey(protobuf);
        return privateKeyFromRaw(KeyType.fromProtobuf(message.getType()), message.getData().toByteArray());
    }

    /** Decodes a public key from the bytes of its protobuf {@code Data} field (see {@link PubKey#raw()}). */
    public static PubKey publicKeyFromRaw(KeyType type, byte[] raw) {
        return switch (type) {
            case ED25519 -> Ed25519PublicKey.fromRaw(raw);
            case SECP256K1 -> Secp256k1PublicKey.fromRaw(raw);
        };
    }

    /** Decodes a private key from the bytes of its protobuf {@code Data} field (see {@link PrivKey#raw()}). */
    public static PrivKey privateKeyFromRaw(KeyType type, byte[] raw) {
        return switch (type) {
            case ED25519 -> Ed25519PrivateKey.fromRaw(raw);
            case SECP256K1 -> Secp256k1PrivateKey.fromRaw(raw);
        };
    }

    /**
     * Decodes nwaku's {@code --nodekey} form: the secp256k1 scalar as 64 hex digits, in either
     * case, optionally prefixed with {@code 0x}. Surrounding whitespace is ignored.
     */
    public static PrivKey secp256k1FromNodeKey(String hex) {
        String digits = hex.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() != 2 * Secp256k1.PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a node key is 64 hex digits (optionally prefixed with 0x), got " + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(
                        "a node key is 64 hex digits, but '" + digits.charAt(i) + "' at position " + i + " is not one");
            }
        }
        return Secp256k1PrivateKey.fromRaw(HexFormat.of().parseHex(digits));
    }
}
