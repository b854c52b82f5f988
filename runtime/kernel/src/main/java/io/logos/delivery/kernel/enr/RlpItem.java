package io.logos.delivery.kernel.enr;

import java.util.List;

/**
 * One decoded RLP item: a byte string or a list of items.
 *
 * @param encoded  the item's canonical encoding, prefix included
 * @param list     whether the item is a list
 * @param payload  the bytes of a string; empty for a list
 * @param children the items of a list; empty for a string
 */
record RlpItem(byte[] encoded, boolean list, byte[] payload, List<RlpItem> children) {

    RlpItem {
        children = List.copyOf(children);
    }
}
