package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IocTokensTest {
    private static List<String> tokens(String text) {
        return IocTokens.tokens(text);
    }

    @Test
    void ipv4AddressesBlocksAndPorts() {
        assertThat(tokens("beacon to 94.177.198.94 every hour")).containsExactly("94.177.198.94");
        assertThat(tokens("10.0.0.0/8")).containsExactlyInAnyOrder("10.0.0.0/8", "10.0.0.0");
        assertThat(tokens("1.2.3.4:443")).containsExactly("1.2.3.4");
        assertThat(tokens("0.0.0.0 255.255.255.255")).containsExactly("0.0.0.0", "255.255.255.255");
        assertThat(tokens("256.1.1.1 1.2.3.4.5 1.2.3 1.2.3.04")).isEmpty();
        assertThat(tokens("10.0.0.0/33")).containsExactly("10.0.0.0"); // an address, then something else
        assertThat(tokens("1.2.3[.]4")).containsExactly("1.2.3.4");
    }

    @Test
    void ipv6InItsCanonicalAndWrittenForms() {
        assertThat(tokens("2001:DB8:0:0:0:0:0:1")).containsExactlyInAnyOrder("2001:db8::1", "2001:db8:0:0:0:0:0:1");
        assertThat(tokens("2001:db8::1")).containsExactly("2001:db8::1");
        assertThat(tokens("::1")).containsExactly("::1");
        assertThat(tokens("2001:0db8::/32"))
                .containsExactlyInAnyOrder("2001:db8::", "2001:db8::/32", "2001:0db8::", "2001:0db8::/32");
        // the first of two equal zero runs is compressed; a single zero group never is
        assertThat(tokens("2001:db8:0:0:1:0:0:1")).contains("2001:db8::1:0:0:1");
        assertThat(tokens("2001:db8:0:1:1:1:1:1")).containsExactly("2001:db8:0:1:1:1:1:1");
        assertThat(tokens("::FFFF:192.0.2.1")).containsExactlyInAnyOrder("::ffff:192.0.2.1", "192.0.2.1");
        assertThat(tokens("64:ff9b::192.0.2.33")).containsExactlyInAnyOrder("64:ff9b::c000:221", "64:ff9b::192.0.2.33");
        assertThat(tokens("fe80::1%eth0")).containsExactly("fe80::1");
        assertThat(tokens("[2001:db8::1]:443")).containsExactly("2001:db8::1");
        assertThat(tokens("fe80::")).containsExactly("fe80::");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7:8:9", "1::2::3", "12:30:45", "::", ":1::", "1:::2", "12345::1", "g::1"})
    void notIpv6(String text) {
        assertThat(tokens(text)).isEmpty();
    }

    @Test
    void domainsWithEveryParentOfTwoLabels() {
        assertThat(tokens("a.b.evil.co.uk")).containsExactly("a.b.evil.co.uk", "b.evil.co.uk", "evil.co.uk", "co.uk");
        assertThat(tokens("Contact Evil.COM.")).containsExactly("evil.com");
        assertThat(tokens("*.cdn.evil.net")).containsExactly("cdn.evil.net", "evil.net");
        assertThat(tokens("evil[.]com, evil(.)com; evil{.}com")).containsExactly("evil.com");
        assertThat(tokens("xn--80ak6aa92e.xn--p1ai")).containsExactly("xn--80ak6aa92e.xn--p1ai");
    }

    @Test
    void fileExtensionsAreNotTopLevelDomainsButRealTldsAre() {
        assertThat(tokens("invoice.pdf.exe")).containsExactly("invoice.pdf.exe");
        assertThat(tokens("Node.js")).containsExactly("node.js");
        // .zip and .mov are delegated TLDs: a domain with parents, and still a file name
        assertThat(tokens("cdn.update.zip")).containsExactly("cdn.update.zip", "update.zip");
    }

    @Test
    void urlsWholeWithoutTheirSentenceAndWithTheirHost() {
        assertThat(tokens("hxxp://evil[.]com/a")).containsExactlyInAnyOrder("http://evil.com/a", "evil.com");
        assertThat(tokens("Visit http://Evil.com."))
                .containsExactlyInAnyOrder("http://evil.com", "http://evil.com/", "evil.com");
        assertThat(tokens("https://sub.evil.com/path/"))
                .containsExactlyInAnyOrder(
                        "https://sub.evil.com/path/", "https://sub.evil.com/path", "sub.evil.com", "evil.com");
        assertThat(tokens("(see https://evil.com/a_(b))."))
                .containsExactlyInAnyOrder("https://evil.com/a_(b)", "evil.com");
        assertThat(tokens("url='http://evil.com/gate.php?id=1&x=[2]'"))
                .containsExactlyInAnyOrder("http://evil.com/gate.php?id=1&x=[2]", "evil.com", "gate.php");
        assertThat(tokens("ftp://user:pw@files.evil.com:2121/drop/payload.bin"))
                .containsExactlyInAnyOrder(
                        "ftp://user:pw@files.evil.com:2121/drop/payload.bin",
                        "files.evil.com",
                        "evil.com",
                        "payload.bin");
        assertThat(tokens("http://[2001:db8::1]:8080/"))
                .containsExactlyInAnyOrder("http://[2001:db8::1]:8080/", "http://[2001:db8::1]:8080", "2001:db8::1");
        assertThat(tokens("http://1.2.3.4/x")).containsExactlyInAnyOrder("http://1.2.3.4/x", "1.2.3.4");
        assertThat(tokens("[Click](http://evil.com/a)")).containsExactlyInAnyOrder("http://evil.com/a", "evil.com");
        assertThat(tokens("http://")).isEmpty();
    }

    @Test
    void schemelessHostAndPath() {
        assertThat(tokens("evil.com/wp/payload.exe")).containsExactlyInAnyOrder("evil.com", "payload.exe");
        assertThat(tokens("1.2.3.4:8080/index.html")).containsExactlyInAnyOrder("1.2.3.4", "index.html");
        assertThat(tokens("evil.com:443")).containsExactly("evil.com");
    }

    @Test
    void emailAddressesAndTheirDomain() {
        assertThat(tokens("user[@]evil[.]com")).containsExactlyInAnyOrder("user@evil.com", "evil.com");
        assertThat(tokens("<John.Doe+x@Mail.Evil.com>"))
                .containsExactlyInAnyOrder("john.doe+x@mail.evil.com", "mail.evil.com", "evil.com");
        assertThat(tokens("mailto:a@evil.org")).containsExactlyInAnyOrder("a@evil.org", "evil.org");
        assertThat(tokens("@handle a@b@evil.com .a@evil.com")).doesNotContain("a@b@evil.com", ".a@evil.com");
    }

    @Test
    void hashesOfEveryLengthLowerCased() {
        String sha256 = "E298A3D6B21E4C2B1AB7A0C7E6F3D3B9B3A5B8C2D1E0F9A8B7C6D5E4F3A2B1C0";
        assertThat(tokens("SHA256: " + sha256)).containsExactly(sha256.toLowerCase());
        for (int length : new int[] {32, 40, 56, 64, 96, 128}) {
            String hex = "a1".repeat(length / 2);
            assertThat(tokens("x " + hex + ".")).as("length " + length).containsExactly(hex);
        }
        assertThat(tokens("a1".repeat(16) + "a")).isEmpty();
        assertThat(tokens("a1".repeat(31) + "g1")).isEmpty();
        assertThat(tokens("md5:" + "0f".repeat(16))).containsExactly("0f".repeat(16));
    }

    @Test
    void ssdeepWhole() {
        String ssdeep = "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C";
        assertThat(tokens("ssdeep " + ssdeep)).containsExactly(ssdeep.toLowerCase());
        assertThat(tokens("96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrwciQmAOuQjG+"))
                .hasSize(1);
        assertThat(tokens("at 12:30:45 and 5:ab:cd")).isEmpty();
    }

    @Test
    void fileNamesAndPaths() {
        assertThat(tokens("dropped ArsenalV2%.exe and ConnectionInfo.db"))
                .containsExactly("arsenalv2%.exe", "connectioninfo.db");
        assertThat(tokens("C:\\Windows\\System32\\evil.dll"))
                .containsExactlyInAnyOrder("c:\\windows\\system32\\evil.dll", "evil.dll");
        assertThat(tokens("run /tmp/x.sh then /etc/passwd"))
                .containsExactlyInAnyOrder("/tmp/x.sh", "x.sh", "/etc/passwd");
        assertThat(tokens("%APPDATA%\\Roaming\\upd.exe"))
                .containsExactlyInAnyOrder("%appdata%\\roaming\\upd.exe", "upd.exe");
        assertThat(tokens("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"))
                .containsExactly("hklm\\software\\microsoft\\windows\\currentversion\\run");
        assertThat(tokens("main.c and x.7z, 1.exe")).containsExactly("main.c", "x.7z", "1.exe");
        assertThat(tokens("and/or TCP/IP 24/7 /s I/O")).isEmpty();
    }

    @Test
    void mitreAndVulnerabilityIdsAsWritten() {
        assertThat(tokens("T1003, T1059.001 (TA0001) G0016 S0154 M1026 C0024 DS0017 DET0001 AN0001 A0001"))
                .containsExactly(
                        "t1003",
                        "t1059.001",
                        "ta0001",
                        "g0016",
                        "s0154",
                        "m1026",
                        "c0024",
                        "ds0017",
                        "det0001",
                        "an0001",
                        "a0001");
        assertThat(tokens("CAPEC-98 cve-2021-44228 CVE-2024-1234567 CWE-79."))
                .containsExactly("capec-98", "cve-2021-44228", "cve-2024-1234567", "cwe-79");
        assertThat(tokens("T10030 T103 T1059.01 T1059.0011 X1234 CVE-21-1 CVE-2021-123 CWE- TA00001"))
                .isEmpty();
        assertThat(tokens("T1059.001")).doesNotContain("t1059");
    }

    @Test
    void stixPatterns() {
        assertThat(tokens("[ipv4-addr:value = '94.177.198.94']")).containsExactly("94.177.198.94");
        String sha = "e298a3d6b21e4c2b1ab7a0c7e6f3d3b9b3a5b8c2d1e0f9a8b7c6d5e4f3a2b1c0";
        assertThat(tokens("[file:hashes.'SHA-256' = '" + sha + "']")).containsExactly(sha);
        assertThat(tokens("[domain-name:value = 'connectotels.net']")).containsExactly("connectotels.net");
        assertThat(tokens("[file:hashes.MD5 = '" + "ab".repeat(16) + "' OR file:name='x.exe']"))
                .containsExactlyInAnyOrder("ab".repeat(16), "x.exe");
        assertThat(tokens("[url:value = 'http://evil.com/a'] AND [network-traffic:dst_port = 443]"))
                .containsExactlyInAnyOrder("http://evil.com/a", "evil.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "version 1.2.3 and v2.0.1",
                "pi is 3.14",
                "on 2021-01-01 at 10:00",
                "e.g. this, i.e. that",
                "Ph.D. in the U.S.A. at 5 p.m.",
                "The actor used spearphishing; the payload was obfuscated. It then moved laterally.",
                "ipv4-addr:value",
                "file:hashes.",
                "SHA-256",
                "std::vector and Foo::Bar",
                "123456789012345678901234567890",
                "a 3.5GB image on a 2.4GHz link, 1.5x faster, MS17-010",
            })
    void proseYieldsNothing(String text) {
        assertThat(tokens(text)).isEmpty();
    }

    @Test
    void eachTermOncePerCall() {
        assertThat(tokens("evil.com evil.com EVIL.COM http://evil.com"))
                .containsExactly("evil.com", "http://evil.com", "http://evil.com/");
    }

    @Test
    void termsLuceneWouldRefuseAreDropped() {
        String url = "http://evil.com/" + "a".repeat(IocTokens.MAX_TERM);
        assertThat(tokens(url)).containsExactly("evil.com");
    }

    @Test
    void nullAndEmpty() {
        assertThat(IocTokens.tokens(null)).isEmpty();
        assertThat(IocTokens.tokens("")).isEmpty();
        List<String> seen = new ArrayList<>();
        IocTokens.extract(null, seen::add);
        assertThat(seen).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "94.177.198.94",
                "10.0.0.0/8",
                "2001:DB8::1",
                "2001:db8:0:0:0:0:0:1",
                "evil.co.uk",
                "evil[.]com",
                "hxxp://evil[.]com/a",
                "user@evil.com",
                "E298A3D6B21E4C2B1AB7A0C7E6F3D3B9B3A5B8C2D1E0F9A8B7C6D5E4F3A2B1C0",
                "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
                "invoice.pdf.exe",
                "C:\\Windows\\evil.dll",
                "T1059.001",
                "CVE-2021-44228",
                " evil.com ",
            })
    void looksLikeIoc(String token) {
        assertThat(IocTokens.looksLikeIoc(token)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "hello", "evil.com:443", "1.2.3", "e.g.", "Ph.D", "ipv4-addr:value", "evil.com foo"})
    void looksLikeNoIoc(String token) {
        assertThat(IocTokens.looksLikeIoc(token)).isFalse();
    }

    @Test
    void looksLikeIocOfNull() {
        assertThat(IocTokens.looksLikeIoc(null)).isFalse();
    }
}
