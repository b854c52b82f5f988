package io.logos.delivery.libp2p.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** The secp256k1 curve and the SHA-256 pre-hash the peer-ids spec prescribes for its signatures. */
final class Secp256k1 {

    static final ECDomainParameters DOMAIN;
    static final BigInteger HALF_ORDER;
    static final int PRIVATE_KEY_BYTES = 32;
    static final int COMPRESSED_PUBLIC_KEY_BYTES = 33;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        DOMAIN = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        HALF_ORDER = DOMAIN.getN().shiftRight(1);
    }

    private Secp256k1() {}

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** True when {@code value} is a valid private scalar or signature component: 1 ≤ value < n. */
    static boolean inScalarRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(DOMAIN.getN()) < 0;
    }
}
