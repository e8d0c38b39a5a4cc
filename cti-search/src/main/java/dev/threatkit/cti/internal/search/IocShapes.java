package dev.threatkit.cti.internal.search;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a span of text has the shape of one kind of indicator: a hash, an SSDEEP digest, a MITRE or
 * vulnerability id, a domain name, a file name, a STIX object path. Shapes only, no lookups: each test reads the
 * span once (or gives up at once on its length) and allocates at most a short lower-cased prefix or suffix.
 */
final class IocShapes {
    private IocShapes() {}

    /**
     * Last labels read as file extensions, not top-level domains, so that "invoice.pdf.exe" is not the domain
     * "pdf.exe". Only extensions that are not delegated TLDs belong here: "zip", "mov", "sh", "py", "pl", "so",
     * "md", "ps", "app", "cab", "one" are real TLDs, so "update.zip" is read as a domain (and as a file name). A
     * token ending in one of these is still emitted whole as a file name; it only loses its parent domains.
     */
    static final Set<String> FILE_EXTENSIONS = Set.of(
            "exe", "dll", "sys", "drv", "ocx", "cpl", "scr", "msi", "msp", "lnk", "bat", "cmd", "vbs", "vbe", "js",
            "jse", "wsf", "wsh", "hta", "jar", "class", "apk", "dex", "dmg", "pkg", "deb", "rpm", "elf", "dylib", "bin",
            "dat", "db", "sqlite", "log", "tmp", "bak", "old", "dmp", "ini", "cfg", "conf", "inf", "reg", "txt", "csv",
            "json", "xml", "yml", "yaml", "doc", "docx", "docm", "dotm", "xls", "xlsx", "xlsm", "xlsb", "ppt", "pptx",
            "pptm", "rtf", "odt", "ods", "pdf", "eml", "msg", "chm", "hlp", "html", "htm", "php", "asp", "aspx", "jsp",
            "cgi", "jpg", "jpeg", "png", "gif", "bmp", "ico", "svg", "webp", "tif", "tiff", "wav", "avi", "iso", "img",
            "vhd", "vhdx", "rar", "tar", "tgz", "gz", "xz", "lzh", "ace", "arj", "pcap", "pcapng", "evtx", "lib", "obj",
            "pyc", "rb", "cs", "swf", "xsl", "xll", "wll", "sct", "url", "pif");

    /** STIX cyber-observable types: "file:hashes.md5" in a pattern is a path into an object, not an indicator. */
    private static final Set<String> OBSERVABLE_TYPES = Set.of(
            "artifact",
            "autonomous-system",
            "directory",
            "domain-name",
            "email-addr",
            "email-message",
            "file",
            "ipv4-addr",
            "ipv6-addr",
            "mac-addr",
            "mutex",
            "network-traffic",
            "process",
            "software",
            "url",
            "user-account",
            "windows-registry-key",
            "x509-certificate");

    /**
     * MITRE id prefixes, each followed by four digits: techniques, tactics, groups, software, mitigations,
     * campaigns, data sources, detection strategies, analytics, ICS assets.
     */
    private static final Set<String> MITRE_PREFIXES = Set.of("t", "ta", "g", "s", "m", "c", "ds", "det", "an", "a");

    /** Hex of an MD5, SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512 digest. */
    static boolean isHash(CharSequence s, int from, int to) {
        int length = to - from;
        if (length != 32 && length != 40 && length != 56 && length != 64 && length != 96 && length != 128) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * "blocksize:hash:hash" with a block size of 3 times a power of two and base64 hashes of at most 64
     * characters. A letter is required somewhere so that "12:30:45" stays a time of day.
     */
    static boolean isSsdeep(CharSequence s, int from, int to) {
        int i = from;
        long blockSize = 0;
        while (i < to && i - from < 10 && isDigit(s.charAt(i))) {
            blockSize = blockSize * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == from || i >= to || s.charAt(i) != ':' || blockSize < 3 || blockSize % 3 != 0) {
            return false;
        }
        long power = blockSize / 3;
        if ((power & (power - 1)) != 0) {
            return false;
        }
        boolean letter = false;
        for (int part = 0; part < 2; part++) {
            int start = ++i; // past the colon
            while (i < to && i - start <= 64 && isBase64(s.charAt(i))) {
                letter |= Character.isLetter(s.charAt(i));
                i++;
            }
            if (i == start || i - start > 64 || (part == 0 ? i >= to || s.charAt(i) != ':' : i != to)) {
                return false;
            }
        }
        return letter;
    }

    /**
     * A MITRE ATT&amp;CK id ("T1003", "T1059.001", "TA0001", "G0016", "S0154", "M1026", "C0024", "DS0017",
     * "DET0001", "AN0001", "A0001"), a CAPEC, CVE or CWE id; any case.
     */
    static boolean isKnownId(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && i - from < 6 && isAsciiLetter(s.charAt(i))) {
            i++;
        }
        if (i == from || i >= to) {
            return false;
        }
        String prefix = s.subSequence(from, i).toString().toLowerCase(Locale.ROOT);
        if (s.charAt(i) == '-') {
            return switch (prefix) {
                case "cve" ->
                    digits(s, i + 1, to, 4, 4) == i + 5
                            && i + 5 < to
                            && s.charAt(i + 5) == '-'
                            && digits(s, i + 6, to, 4, 19) == to;
                case "capec", "cwe" -> digits(s, i + 1, to, 1, 6) == to;
                default -> false;
            };
        }
        if (!MITRE_PREFIXES.contains(prefix) || digits(s, i, to, 4, 4) != i + 4) {
            return false;
        }
        if (i + 4 == to) {
            return true;
        }
        // sub-techniques only: "T1059.001"
        return prefix.equals("t") && s.charAt(i + 4) == '.' && digits(s, i + 5, to, 3, 3) == to;
    }

    /**
     * Two or more labels of letters, digits, '-' and '_', none empty or longer than 63, not starting or ending
     * with '-', at most 253 characters, the last label a plausible TLD: 2 to 63 letters (or an "xn--" IDN label)
     * and not a common file extension ({@link #FILE_EXTENSIONS}). Heuristic, no TLD list: "sentence.Next" passes.
     */
    static boolean isDomain(CharSequence s, int from, int to) {
        if (to - from < 4 || to - from > 253) {
            return false;
        }
        int labelStart = from;
        int labels = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i < to) {
                    labelStart = i + 1;
                }
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return labels >= 2 && isTld(s, labelStart, to);
    }

    private static boolean isTld(CharSequence s, int from, int to) {
        int length = to - from;
        if (length < 2) {
            return false;
        }
        String tld = s.subSequence(from, to).toString().toLowerCase(Locale.ROOT);
        if (tld.startsWith("xn--")) {
            return length > 4;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return false;
            }
        }
        return !FILE_EXTENSIONS.contains(tld);
    }

    /**
     * "name.ext": an extension of 1 to 5 ASCII letters and digits with at least one letter (so "3.14" and
     * "v1.2.3" are not files), and a name holding a letter or digit and no path separator, colon or '@'. A
     * one-character extension must be a lower-case letter after a name of two or more characters, which keeps
     * "main.c" and drops "e.g", "i.e" and "Ph.D". An extension starting with a digit needs a name with a letter:
     * "x.7z" is a file, "3.5GB" and "2.4GHz" are quantities ("1.exe" stays a file).
     */
    static boolean isFileName(CharSequence s, int from, int to) {
        int dot = -1;
        for (int i = to - 1; i >= from && to - i <= 6; i--) {
            if (s.charAt(i) == '.') {
                dot = i;
                break;
            }
        }
        int extension = to - dot - 1;
        if (dot <= from || extension < 1 || extension > 5) {
            return false;
        }
        boolean letter = false;
        for (int i = dot + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c)) {
                return false;
            }
            letter |= isAsciiLetter(c);
        }
        if (!letter) {
            return false;
        }
        if (extension == 1 && (dot - from < 2 || !Character.isLowerCase(s.charAt(dot + 1)))) {
            return false;
        }
        boolean named = false;
        boolean nameLetter = false;
        for (int i = from; i < dot; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c == '@') {
                return false;
            }
            named |= Character.isLetterOrDigit(c);
            nameLetter |= Character.isLetter(c);
        }
        return named && (nameLetter || !isDigit(s.charAt(dot + 1)));
    }

    /** "ipv4-addr:value", "file:hashes.md5", "x-acme-thing:name": the left side of a STIX comparison. */
    static boolean isObjectPath(CharSequence s, int from, int to) {
        int colon = -1;
        for (int i = from; i < to && i - from <= 21; i++) {
            if (s.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from || colon + 1 >= to) {
            return false;
        }
        char first = s.charAt(colon + 1);
        if (!(isAsciiLetter(first) || first == '_')) {
            return false;
        }
        String type = s.subSequence(from, colon).toString().toLowerCase(Locale.ROOT);
        return OBSERVABLE_TYPES.contains(type) || (type.startsWith("x-") && type.length() > 2);
    }

    /** The index after min to max digits from i, when no further digit follows before to; else -1. */
    private static int digits(CharSequence s, int i, int to, int min, int max) {
        int start = i;
        while (i < to && i - start < max && isDigit(s.charAt(i))) {
            i++;
        }
        return i - start >= min && (i == to || !isDigit(s.charAt(i))) ? i : -1;
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isBase64(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '+' || c == '/';
    }
}
