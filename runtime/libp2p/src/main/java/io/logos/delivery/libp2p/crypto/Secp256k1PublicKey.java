package io.logos.delivery.libp2p.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key, carried as the 33-byte compressed point. */
final class Secp256k1PublicKey implements PubKey {

    private final ECPoint point;
    private final byte[] compressed;

    Secp256k1PublicKey(ECPoint point) {
        this.point = point;
        this.compressed = point.getEncoded(true);
    }

    /**
     * @param raw the 33-byte compressed point
     * @throws IllegalArgumentException unless {@code raw} is a compressed point on the curve
     */
    static Secp256k1PublicKey fromRaw(byte[] raw) {
        if (raw.length != Secp256k1.COMPRESSED_PUBLIC_KEY_BYTES || (raw[0] != 2 && raw[0] != 3)) {
            throw new IllegalArgumentException(
                    "a secp256k1 public key is a 33-byte compressed point starting 02 or 03, got "
                            + raw.length + " bytes");
        }
        ECPoint point;
        try {
            point = Secp256k1.DOMAIN.getCurve().decodePoint(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secp256k1 public key is not a point on the curve", e);
        }
        return new Secp256k1PublicKey(point.normalize());
    }

    @Override
    public KeyType type() {
        return KeyType.SECP256K1;
    }

    @Override
    public byte[] raw() {
        return compressed.clone();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        DerSignature decoded;
        try {
            decoded = DerSignature.decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!Secp256k1.inScalarRange(decoded.r()) || !Secp256k1.inScalarRange(decoded.s())) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point, Secp256k1.DOMAIN));
        return verifier.verifySignature(Secp256k1.sha256(data), decoded.r(), decoded.s());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secp256k1PublicKey key && Arrays.equals(compressed, key.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return "PubKey[secp256k1, " + HexFormat.of().formatHex(compressed) + "]";
    }
}
