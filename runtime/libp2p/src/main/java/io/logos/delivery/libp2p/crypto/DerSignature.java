package io.logos.delivery.libp2p.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The strict DER form of an ECDSA signature, {@code SEQUENCE { INTEGER r, INTEGER s }}, as Bitcoin
 * (BIP 62/66) requires it: short-form lengths, minimal positive integers, no trailing bytes.
 */
record DerSignature(BigInteger r, BigInteger s) {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    /** Two 33-byte integers with their headers and the sequence header. */
    private static final int MAX_LENGTH = 72;

    byte[] encode() {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_LENGTH);
        out.write(SEQUENCE);
        out.write(4 + rBytes.length + sBytes.length);
        out.write(INTEGER);
        out.write(rBytes.length);
        out.writeBytes(rBytes);
        out.write(INTEGER);
        out.write(sBytes.length);
        out.writeBytes(sBytes);
        return out.toByteArray();
    }

    /**
     * Decodes a strict DER signature.
     *
     * @throws IllegalArgumentException saying which rule the input breaks
     */
    static DerSignature decode(byte[] der) {
        if (der.length < 8 || der.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a DER signature is 8 to 72 bytes, got " + der.length);
        }
        if ((der[0] & 0xFF) != SEQUENCE || (der[1] & 0xFF) != der.length - 2) {
            throw new IllegalArgumentException("DER signature does not start with a SEQUENCE spanning the input");
        }
        int sOffset = 2 + 2 + (der[3] & 0xFF);
        BigInteger r = readInteger(der, 2, "r");
        BigInteger s = readInteger(der, sOffset, "s");
        if (sOffset + 2 + (der[sOffset + 1] & 0xFF) != der.length) {
            throw new IllegalArgumentException("DER signature has bytes after s");
        }
        return new DerSignature(r, s);
    }

    private static BigInteger readInteger(byte[] der, int offset, String name) {
        if (offset + 2 > der.length || (der[offset] & 0xFF) != INTEGER) {
            throw new IllegalArgumentException("DER signature lacks the INTEGER " + name);
        }
        int length = der[offset + 1] & 0xFF;
        int start = offset + 2;
        if (length == 0 || start + length > der.length) {
            throw new IllegalArgumentException("DER signature's INTEGER " + name + " has a bad length");
        }
        if ((der[start] & 0x80) != 0) {
            throw new IllegalArgumentException("DER signature's INTEGER " + name + " is negative");
        }
        if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
            throw new IllegalArgumentException("DER signature's INTEGER " + name + " has a superfluous leading zero");
        }
        return new BigInteger(1, Arrays.copyOfRange(der, start, start + length));
    }
}
