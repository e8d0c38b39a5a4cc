package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, real-shaped indicator workload: N single-observation indicators, 70% one equality on ipv4, ipv6,
 * domain, url or a file hash, 30% other shapes (CIDR ISSUBSET, LIKE on url or file name, MATCHES, port ranges,
 * AND of two comparisons); and events of 2 to 6 observables drawn from the same value space, each observable
 * taking an indicator's value with a small probability so that about 1% of events hit something.
 */
final class IndicatorWorkload {
    final List<String> patterns = new ArrayList<>();
    final List<List<StixProperties>> events = new ArrayList<>();

    // what the indicators name, kept so that events can hit them
    private final List<String> ipv4 = new ArrayList<>();
    private final List<String> ipv6 = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<String> md5s = new ArrayList<>();
    private final List<String> sha256s = new ArrayList<>();
    private final List<Integer> cidrBlocks = new ArrayList<>(); // third octet of 192.168.x.0/24
    private final List<String> urlTokens = new ArrayList<>();
    private final List<String> fileTokens = new ArrayList<>();
    private final List<Integer> portRanges = new ArrayList<>();
    private final List<String> fileNames = new ArrayList<>();
    private final Random random;
    private final double hitPerObservable;

    IndicatorWorkload(long seed, int indicators, int eventCount, double hitPerObservable) {
        this.random = new Random(seed);
        this.hitPerObservable = hitPerObservable;
        for (int i = 0; i < indicators; i++) {
            patterns.add(indicator(i));
        }
        for (int i = 0; i < eventCount; i++) {
            events.add(event(i));
        }
    }

    private String indicator(int i) {
        int shape = random.nextInt(100);
        if (shape < 70) {
            switch (shape % 5) {
                case 0:
                    return "[ipv4-addr:value = '" + add(ipv4, randomIpv4()) + "']";
                case 1:
                    return "[ipv6-addr:value = '" + add(ipv6, randomIpv6()) + "']";
                case 2:
                    return "[domain-name:value = '" + add(domains, randomDomain()) + "']";
                case 3:
                    return "[url:value = '" + add(urls, randomUrl(token())) + "']";
                default:
                    return random.nextBoolean()
                            ? "[file:hashes.MD5 = '" + add(md5s, hex(32)) + "']"
                            : "[file:hashes.'SHA-256' = '" + add(sha256s, hex(64)) + "']";
            }
        }
        switch (shape % 6) {
            case 0:
                return "[ipv4-addr:value ISSUBSET '192.168." + add(cidrBlocks, random.nextInt(256)) + ".0/24']";
            case 1:
                return "[url:value LIKE '%/" + add(urlTokens, token()) + "/%']";
            case 2:
                return "[file:name LIKE '" + add(fileTokens, token()) + "%.dll']";
            case 3:
                return "[file:name MATCHES '^" + add(fileTokens, token()) + "[0-9]+\\\\.exe$']";
            case 4: {
                int low = 20_000 + random.nextInt(40_000);
                portRanges.add(low);
                return "[network-traffic:dst_port >= " + low + " AND network-traffic:dst_port <= " + (low + 3) + "]";
            }
            default:
                return "[file:name = '" + add(fileNames, token() + ".exe") + "' AND file:size > 1000]";
        }
    }

    private List<StixProperties> event(int n) {
        List<StixProperties> objects = new ArrayList<>();
        int size = 2 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
            boolean hit = random.nextDouble() < hitPerObservable;
            switch (random.nextInt(6)) {
                case 0:
                    objects.add(sco("ipv4-addr", n, i, hit ? hitIpv4() : randomIpv4()));
                    break;
                case 1:
                    objects.add(sco("ipv6-addr", n, i, hit ? pick(ipv6) : randomIpv6()));
                    break;
                case 2:
                    objects.add(sco("domain-name", n, i, hit ? pick(domains) : randomDomain()));
                    break;
                case 3:
                    objects.add(sco("url", n, i, hit ? hitUrl() : randomUrl(token())));
                    break;
                case 4:
                    objects.add(file(n, i, hit));
                    break;
                default:
                    objects.add(StixProperties.builder()
                            .put("type", "network-traffic")
                            .put("id", "network-traffic--" + n + "-" + i)
                            .put("dst_port", (long)
                                    (hit && !portRanges.isEmpty() ? pick(portRanges) + 1 : commonPort()))
                            .put("protocols", List.of("tcp"))
                            .build());
            }
        }
        return objects;
    }

    private String hitIpv4() {
        return random.nextBoolean() || cidrBlocks.isEmpty()
                ? pick(ipv4)
                : "192.168." + pick(cidrBlocks) + "." + random.nextInt(256);
    }

    private String hitUrl() {
        return random.nextBoolean() || urlTokens.isEmpty() ? pick(urls) : randomUrl(pick(urlTokens));
    }

    private StixProperties file(int n, int i, boolean hit) {
        StixProperties.Builder b = StixProperties.builder().put("type", "file").put("id", "file--" + n + "-" + i);
        int kind = random.nextInt(4);
        String md5 = hit && kind == 0 ? pick(md5s) : hex(32);
        String sha = hit && kind == 1 ? pick(sha256s) : hex(64);
        String name;
        if (hit && kind == 2) {
            name = random.nextBoolean() ? pick(fileTokens) + "7.exe" : pick(fileTokens) + "x.dll";
        } else if (hit && kind == 3) {
            name = pick(fileNames);
        } else {
            name = token() + ".exe";
        }
        return b.put("name", name)
                .put("size", (long) (500 + random.nextInt(5000)))
                .put(
                        "hashes",
                        StixProperties.builder()
                                .put("MD5", md5)
                                .put("SHA-256", sha)
                                .build())
                .build();
    }

    private static StixProperties sco(String type, int n, int i, String value) {
        return StixProperties.builder()
                .put("type", type)
                .put("id", type + "--" + n + "-" + i)
                .put("value", value)
                .build();
    }

    private String randomIpv4() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private String randomIpv6() {
        return "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::"
                + Integer.toHexString(random.nextInt(65536));
    }

    private String randomDomain() {
        return token() + "." + (random.nextBoolean() ? "example.com" : "example.net");
    }

    private String randomUrl(String pathToken) {
        return "http://" + randomDomain() + "/" + pathToken + "/index.php?id=" + random.nextInt(1000);
    }

    private int commonPort() {
        int[] ports = {80, 443, 53, 22, 25, 8080, 3389, 445};
        return ports[random.nextInt(ports.length)];
    }

    private String token() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String hex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private <T> T add(List<T> list, T value) {
        list.add(value);
        return value;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
