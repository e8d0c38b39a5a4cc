package dev.threatkit.cti.internal.pattern;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 and IPv6 addresses and CIDR blocks as ranges, for ISSUBSET and ISSUPERSET and for the indicator index.
 * Parses literals only: nothing here ever resolves a host name.
 */
public final class IpNetworks {
    private IpNetworks() {}

    /** A block of addresses: the first address, the prefix length, the address width (32 or 128). */
    public record Network(BigInteger base, int prefix, int bits) {
        boolean contains(Network other) {
            if (other.bits != bits || other.prefix < prefix) {
                return false;
            }
            return other.base.shiftRight(bits - prefix).equals(base.shiftRight(bits - prefix));
        }
    }

    /** True when every address of {@code inner} is in {@code outer}; false when either does not parse. */
    public static boolean isSubset(String inner, String outer) {
        long a4 = ipv4Block(inner);
        long b4 = a4 < 0 ? -1 : ipv4Block(outer);
        if (a4 >= 0 && b4 >= 0) { // both IPv4: no BigInteger
            int aPrefix = (int) (a4 >>> 32);
            int bPrefix = (int) (b4 >>> 32);
            if (aPrefix < bPrefix) {
                return false;
            }
            long mask = bPrefix == 0 ? 0 : (0xFFFFFFFFL << (32 - bPrefix)) & 0xFFFFFFFFL;
            return ((a4 ^ b4) & mask) == 0;
        }
        Network a = parse(inner);
        Network b = parse(outer);
        return a != null && b != null && b.contains(a);
    }

    /** The network of "198.51.100.7", "198.51.100.0/24", "2001:db8::/32"..., or null when it is none. */
    public static Network parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
        if (bytes == null) {
            return null;
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = value.shiftRight(bits - prefix).shiftLeft(bits - prefix); // host bits cleared
        return new Network(base, prefix, bits);
    }

    /**
     * A fast reading of "a.b.c.d" or "a.b.c.d/n" for the index's hot path: the address in the low 32 bits and the
     * prefix length in bits 32 to 39; -1 when the text is not that.
     */
    public static long ipv4Block(String s) {
        int n = s.length();
        long address = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || v > 255) {
                return -1;
            }
            address = (address << 8) | v;
            octets++;
            if (octets < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        int prefix = 32;
        if (i < n) {
            if (s.charAt(i) != '/' || i + 1 == n || n - i > 3) {
                return -1;
            }
            prefix = 0;
            for (int k = i + 1; k < n; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > 32) {
                return -1;
            }
        }
        return ((long) prefix << 32) | address;
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] ipv6(String s) {
        if (s.isEmpty() || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':')) {
            return null; // ".::1" and the like would reach the name service
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null; // only literal characters: never let InetAddress see a host name
            }
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            if (b.length == 4) { // an IPv4-mapped form comes back as IPv4; keep it in the IPv6 space
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
