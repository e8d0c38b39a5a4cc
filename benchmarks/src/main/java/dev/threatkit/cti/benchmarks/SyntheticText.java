package dev.threatkit.cti.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Description text for synthetic objects: words drawn from a fixed vocabulary of {@value #SIZE} lower-case words
 * with Zipf frequencies (exponent 1), so a few words are in most descriptions and most words in few, as in real
 * prose. The {@value #REAL_WORDS_COUNT} most frequent are threat-intelligence words ("malware", "payload",
 * "credential" ...); the rest are made-up words of two or three syllables ("karovi", "tuzemo"), distinct from
 * each other and from the real ones. Deterministic: the same random stream gives the same text.
 */
final class SyntheticText {
    /** Words in the vocabulary. */
    static final int SIZE = 4_096;

    private static final String[] REAL = {
        "malware",
        "payload",
        "credential",
        "phishing",
        "backdoor",
        "loader",
        "campaign",
        "infrastructure",
        "exfiltration",
        "persistence",
        "command",
        "control",
        "server",
        "ransomware",
        "dropper",
        "trojan",
        "espionage",
        "lateral",
        "movement",
        "privilege",
        "escalation",
        "execution",
        "beacon",
        "implant",
        "stealer",
        "botnet",
        "exploit",
        "vulnerability",
        "spearphishing",
        "attachment",
        "macro",
        "document",
        "scheduled",
        "task",
        "registry",
        "service",
        "process",
        "injection",
        "obfuscated",
        "encrypted",
        "archive",
        "powershell",
        "script",
        "downloader",
        "network",
        "traffic",
        "domain",
        "certificate",
        "sideloading",
        "library",
        "kernel",
        "driver",
        "rootkit",
        "keylogger",
        "screenshot",
        "clipboard",
        "browser",
        "cookie",
        "token",
        "session",
        "mailbox",
        "cloud",
        "storage",
        "bucket",
        "tunnel",
        "proxy",
        "relay",
        "staging",
        "reconnaissance",
        "scanning",
        "brute",
        "force",
        "password",
        "spraying",
        "wiper",
        "destructive",
        "financial",
        "government",
        "telecommunications",
        "energy",
        "healthcare",
        "defense",
        "manufacturing",
        "education",
        "retail",
        "aviation",
        "observed",
        "targeting",
        "sector",
        "region",
        "operator",
        "actor",
        "affiliate",
        "variant",
        "sample",
        "hash",
        "signature",
        "packed",
        "compiled",
        "modular",
        "plugin",
        "configuration",
        "mutex",
        "watering",
        "hole",
        "supply",
        "chain",
        "update",
        "installer",
        "firmware",
        "router",
        "vpn",
        "appliance",
        "webshell",
        "deserialization",
        "sqli",
        "bypass",
        "evasion",
        "sandbox",
        "debugger",
        "anti",
        "analysis",
        "timestamp",
        "compilation",
        "resource",
        "lure",
        "decoy",
        "dormant"
    };

    /** How many real words lead the vocabulary. */
    static final int REAL_WORDS_COUNT = 128;

    private static final String[] SYLLABLES = {
        "ka", "ro", "vi", "nu", "te", "sa", "mo", "li", "pe", "zu", "da", "ri", "go", "fe", "xa", "lo", "mi", "ba",
        "ne", "tu", "ho", "ju", "wy", "qe"
    };

    /** The vocabulary, most frequent first. */
    static final List<String> WORDS;

    private static final double[] CUMULATIVE;

    static {
        if (REAL.length < REAL_WORDS_COUNT) {
            throw new IllegalStateException("only " + REAL.length + " real words");
        }
        Set<String> words = new LinkedHashSet<>(Arrays.asList(REAL).subList(0, REAL_WORDS_COUNT));
        if (words.size() != REAL_WORDS_COUNT) {
            throw new IllegalStateException("the real words repeat");
        }
        int s = SYLLABLES.length;
        for (int k = 0; words.size() < SIZE; k++) {
            StringBuilder w = new StringBuilder(SYLLABLES[k % s]).append(SYLLABLES[k / s % s]);
            if (k >= s * s) {
                w.append(SYLLABLES[k / (s * s) % s]);
            }
            words.add(w.toString());
        }
        WORDS = List.copyOf(words);
        CUMULATIVE = new double[SIZE];
        double sum = 0;
        for (int r = 0; r < SIZE; r++) {
            sum += 1.0 / (r + 1);
            CUMULATIVE[r] = sum;
        }
        for (int r = 0; r < SIZE; r++) {
            CUMULATIVE[r] /= sum;
        }
    }

    private SyntheticText() {}

    /** One word, Zipf-distributed over the vocabulary. */
    static String word(SplittableRandom random) {
        int i = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
        return WORDS.get(Math.min(SIZE - 1, i < 0 ? -i - 1 : i));
    }

    /** {@code min} to {@code max} words separated by single spaces, ending with a full stop. */
    static String sentence(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n * 9);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(word(random));
        }
        return sb.append('.').toString();
    }

    /** The words of a {@link #sentence} (without the full stop), in order, repeats kept. */
    static List<String> words(String sentence) {
        String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return new ArrayList<>(Arrays.asList(s.toLowerCase(Locale.ROOT).split(" ")));
    }
}
