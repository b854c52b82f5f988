package io.logos.delivery.kernel.enr;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a Waku node serves, as the bits of the one-byte {@code waku2} field (WAKU2-ENR; bit 0 the least
 * significant). Bits 6 and 7 are undefined and ignored.
 */
public enum WakuCapability {
    RELAY(0),
    STORE(1),
    FILTER(2),
    LIGHTPUSH(3),
    /** Store sync (reconciliation). */
    SYNC(4),
    /** The mix protocol (nwaku and the WAKU-MIX spec). */
    MIX(5);

    private final int bit;

    WakuCapability(int bit) {
        this.bit = bit;
    }

    /** The {@code waku2} byte announcing {@code capabilities}. */
    public static byte toBitfield(Set<WakuCapability> capabilities) {
        int bits = 0;
        for (WakuCapability capability : capabilities) {
            bits |= 1 << capability.bit;
        }
        return (byte) bits;
    }

    /** The capabilities a {@code waku2} byte announces. */
    public static Set<WakuCapability> fromBitfield(byte bitfield) {
        Set<WakuCapability> capabilities = EnumSet.noneOf(WakuCapability.class);
        for (WakuCapability capability : values()) {
            if ((bitfield & (1 << capability.bit)) != 0) {
                capabilities.add(capability);
            }
        }
        return capabilities;
    }
}
