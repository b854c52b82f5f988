package io.logos.delivery.libp2p.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 private key: ECDSA over SHA-256, deterministic (RFC 6979) low-S DER signatures. */
final class Secp256k1PrivateKey implements PrivKey {

    private final BigInteger scalar;
    private final Secp256k1PublicKey publicKey;

    private Secp256k1PrivateKey(BigInteger scalar) {
        this.scalar = scalar;
        this.publicKey = new Secp256k1PublicKey(Secp256k1.DOMAIN.getG().multiply(scalar).normalize());
    }

    /**
     * @param raw the 32-byte big-endian scalar
     * @throws IllegalArgumentException unless {@code raw} is 32 bytes holding a value in [1, n-1]
     */
    static Secp256k1PrivateKey fromRaw(byte[] raw) {
        if (raw.length != Secp256k1.PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a secp256k1 private key is 32 bytes, got " + raw.length);
        }
        BigInteger scalar = new BigInteger(1, raw);
        if (!Secp256k1.inScalarRange(scalar)) {
            throw new IllegalArgumentException(
                    "a secp256k1 private key must be between 1 and the curve order minus 1");
        }
        return new Secp256k1PrivateKey(scalar);
    }

    @Override
    public KeyType type() {
        return KeyType.SECP256K1;
    }

    @Override
    public byte[] raw() {
        return BigIntegers.asUnsignedByteArray(Secp256k1.PRIVATE_KEY_BYTES, scalar);
    }

    @Override
    public byte[] sign(byte[] data) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(scalar, Secp256k1.DOMAIN));
        BigInteger[] rs = signer.generateSignature(Secp256k1.sha256(data));
        BigInteger s = rs[1];
        // Bitcoin (BIP 62) signatures use the lower of the two valid s values
        if (s.compareTo(Secp256k1.HALF_ORDER) > 0) {
            s = Secp256k1.DOMAIN.getN().subtract(s);
        }
        return new DerSignature(rs[0], s).encode();
    }

    @Override
    public Secp256k1PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secp256k1PrivateKey key && Arrays.equals(raw(), key.raw());
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "PrivKey[secp256k1, public " + publicKey + "]";
    }
}
