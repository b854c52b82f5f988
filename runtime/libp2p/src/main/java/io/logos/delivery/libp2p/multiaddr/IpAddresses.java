package io.logos.delivery.libp2p.multiaddr;

import java.util.ArrayList;
import java.util.List;

/**
 * Strict textual IP addresses, with no name resolution: dotted-quad IPv4 without leading zeros,
 * and RFC 4291 IPv6 (read with any valid compression, written in RFC 5952's canonical form).
 */
final class IpAddresses {

    private static final int IP6_GROUPS = 8;

    private IpAddresses() {}

    static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notIp4(text);
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw notIp4(text);
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw notIp4(text);
            }
            address[i] = (byte) value;
        }
        return address;
    }

    static String formatIp4(byte[] address) {
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }

    static byte[] parseIp6(String text) {
        int ellipsis = text.indexOf("::");
        if (ellipsis >= 0 && text.indexOf("::", ellipsis + 1) >= 0) {
            throw notIp6(text);
        }
        List<Integer> head = groups(ellipsis < 0 ? text : text.substring(0, ellipsis), ellipsis < 0, text);
        List<Integer> tail = ellipsis < 0 ? List.of() : groups(text.substring(ellipsis + 2), true, text);
        int count = head.size() + tail.size();
        if (ellipsis < 0 ? count != IP6_GROUPS : count >= IP6_GROUPS) {
            throw notIp6(text);
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(address, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(address, IP6_GROUPS - tail.size() + i, tail.get(i));
        }
        return address;
    }

    /** Parses colon-separated hex groups; the last may be a dotted IPv4 address (two groups). */
    private static List<Integer> groups(String part, boolean ip4AllowedAtEnd, String whole) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (ip4AllowedAtEnd && i == pieces.length - 1 && piece.contains(".")) {
                byte[] ip4 = parseIp4(piece);
                groups.add(((ip4[0] & 0xFF) << 8) | (ip4[1] & 0xFF));
                groups.add(((ip4[2] & 0xFF) << 8) | (ip4[3] & 0xFF));
            } else if (piece.isEmpty() || piece.length() > 4 || !piece.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw notIp6(whole);
            } else {
                groups.add(Integer.parseInt(piece, 16));
            }
        }
        return groups;
    }

    private static void putGroup(byte[] address, int group, int value) {
        address[2 * group] = (byte) (value >>> 8);
        address[2 * group + 1] = (byte) value;
    }

    static String formatIp6(byte[] address) {
        if (isIp4Mapped(address)) {
            return "::ffff:" + formatIp4(new byte[] {address[12], address[13], address[14], address[15]});
        }
        int[] groups = new int[IP6_GROUPS];
        for (int i = 0; i < IP6_GROUPS; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        // RFC 5952: "::" replaces the longest run of two or more zero groups, the first on a tie
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IP6_GROUPS; ) {
            int end = i;
            while (end < IP6_GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end == i ? i + 1 : end;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < IP6_GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isIp4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    private static IllegalArgumentException notIp4(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IPv4 address (dotted quad, no leading zeros)");
    }

    private static IllegalArgumentException notIp6(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IPv6 address");
    }
}
