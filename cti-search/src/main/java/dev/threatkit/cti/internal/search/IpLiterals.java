package dev.threatkit.cti.internal.search;

/**
 * IPv4 and IPv6 literals read from a span of text, and IPv6 written the one way RFC 5952 recommends so that
 * every spelling of an address indexes to the same term.
 *
 * <p>Hand-written rather than {@code InetAddress}: that class would resolve anything that is not a literal, and it
 * allocates a string per candidate; the scanner calls this on every token that has a colon or three dots. Each
 * reader gives up at the first character that cannot belong, so its work is bounded whatever the span's length.
 */
final class IpLiterals {
    private IpLiterals() {}

    /** The address "a.b.c.d" in s[from, to) as an unsigned 32-bit value, or -1. Octets are 0 to 255, unpadded. */
    static long ipv4(CharSequence s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        long address = 0;
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1; // "010" is octal to inet_aton and decimal to others: not an address either way
            }
            address = (address << 8) | value;
        }
        return i == to ? address : -1;
    }

    /** A prefix length written in s[from, to), 0 to max, or -1. */
    static int prefix(CharSequence s, int from, int to, int max) {
        if (to - from < 1 || to - from > 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return -1;
            }
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value <= max ? value : -1;
    }

    /**
     * The eight 16-bit groups of the IPv6 address in s[from, to), or null. Accepts one "::" standing for one or
     * more zero groups, one to four hex digits a group, and a dotted IPv4 address as the last 32 bits.
     */
    static int[] ipv6(CharSequence s, int from, int to) {
        int[] head = new int[8];
        int[] tail = new int[8];
        int heads = 0;
        int tails = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            compressed = true;
            i += 2;
        } else if (i < to && s.charAt(i) == ':') {
            return null; // a lone leading colon
        }
        while (i < to) {
            if (heads + tails >= 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 'g') {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') { // the embedded IPv4 address: the rest of the span
                long v4 = ipv4(s, start, to);
                if (v4 < 0 || heads + tails > 6) {
                    return null;
                }
                int[] into = compressed ? tail : head;
                int at = compressed ? tails : heads;
                into[at] = (int) (v4 >>> 16);
                into[at + 1] = (int) (v4 & 0xFFFF);
                if (compressed) {
                    tails += 2;
                } else {
                    heads += 2;
                }
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            if (compressed) {
                tail[tails++] = value;
            } else {
                head[heads++] = value;
            }
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return null; // a second "::" would make the address ambiguous
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return null; // a lone trailing colon
            }
        }
        if (compressed ? heads + tails > 7 : heads != 8) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, heads);
        System.arraycopy(tail, 0, groups, 8 - tails, tails);
        return groups;
    }

    /** True for ::ffff:0:0/96, the one range RFC 5952 section 5 writes with a dotted IPv4 tail. */
    static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xFFFF;
    }

    /** The dotted IPv4 address in the last 32 bits. */
    static String ipv4Tail(int[] groups) {
        return (groups[6] >>> 8) + "." + (groups[6] & 0xFF) + "." + (groups[7] >>> 8) + "." + (groups[7] & 0xFF);
    }

    /**
     * RFC 5952 section 4: lower case, no leading zeros, the longest run of two or more zero groups (the first of
     * equal runs) written "::", a single zero group written "0"; IPv4-mapped addresses end in dotted form.
     */
    static String format(int[] groups) {
        if (isIpv4Mapped(groups)) {
            return "::ffff:" + ipv4Tail(groups);
        }
        int bestStart = -1;
        int bestLength = 1; // a run must beat one group to be compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
