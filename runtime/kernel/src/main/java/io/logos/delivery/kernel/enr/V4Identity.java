package io.logos.delivery.kernel.enr;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.PrivKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * EIP-778's "v4" identity scheme: an ECDSA secp256k1 signature over the keccak-256 hash of the record
 * content, written as the 64 bytes r ‖ s. Ethereum's own scheme (keccak, no DER, no libp2p pre-hash), so it
 * lives here rather than with the libp2p keys. Signatures are deterministic (RFC 6979) and use the low s,
 * as libsecp256k1 (geth, nim-eth) makes them; verification refuses a high s, as libsecp256k1, geth and
 * js-waku's noble-secp256k1 do.
 */
final class V4Identity {

    static final String ID = "v4";
    static final int SIGNATURE_BYTES = 64;
    private static final int SCALAR_BYTES = 32;
    private static final ECDomainParameters CURVE;
    private static final BigInteger HALF_ORDER;

    static {
        X9ECParameters secp256k1 = CustomNamedCurves.getByName("secp256k1");
        CURVE = new ECDomainParameters(secp256k1.getCurve(), secp256k1.getG(), secp256k1.getN(), secp256k1.getH());
        HALF_ORDER = CURVE.getN().shiftRight(1);
    }

    private V4Identity() {
    }

    static byte[] keccak256(byte[] data) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(data, 0, data.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** Signs {@code content} (the RLP list [seq, k, v, …]) with a secp256k1 key. */
    static byte[] sign(PrivKey key, byte[] content) {
        if (key.type() != KeyType.SECP256K1) {
            throw new IllegalArgumentException("a v4 node record needs a secp256k1 key, not " + key.type());
        }
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, key.raw()), CURVE));
        BigInteger[] rs = signer.generateSignature(keccak256(content));
        BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
        byte[] signature = new byte[SIGNATURE_BYTES];
        System.arraycopy(BigIntegers.asUnsignedByteArray(SCALAR_BYTES, rs[0]), 0, signature, 0, SCALAR_BYTES);
        System.arraycopy(BigIntegers.asUnsignedByteArray(SCALAR_BYTES, s), 0, signature, SCALAR_BYTES, SCALAR_BYTES);
        return signature;
    }

    /**
     * Checks that {@code signature} over {@code content} was made by {@code compressedKey}.
     *
     * @throws InvalidEnrException saying why it was not
     */
    static void verify(byte[] compressedKey, byte[] content, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            throw new InvalidEnrException("the signature is " + signature.length + " bytes; a v4 signature is "
                    + SIGNATURE_BYTES + " (r ‖ s)");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_BYTES));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_BYTES, SIGNATURE_BYTES));
        if (r.signum() == 0 || r.compareTo(CURVE.getN()) >= 0 || s.signum() == 0 || s.compareTo(CURVE.getN()) >= 0) {
            throw new InvalidEnrException("the signature's r or s is outside 1..n-1 of secp256k1");
        }
        if (s.compareTo(HALF_ORDER) > 0) {
            throw new InvalidEnrException("the signature has a high s value, which v4 implementations refuse as"
                    + " malleable");
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(CURVE.getCurve().decodePoint(compressedKey), CURVE));
        if (!verifier.verifySignature(keccak256(content), r, s)) {
            throw new InvalidEnrException("the signature does not verify against the record's secp256k1 key");
        }
    }
}
