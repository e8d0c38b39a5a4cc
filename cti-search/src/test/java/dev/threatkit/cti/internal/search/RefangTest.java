package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RefangTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "hxxp://evil[.]com/a | http://evil.com/a",
                "hXXps://evil(.)com | https://evil.com",
                "HXXP[:]//evil[.]com | http://evil.com",
                "hxxp[://]evil[.]com | http://evil.com",
                "fxp://files{.}evil[dot]com | ftp://files.evil.com",
                "evil(DOT)com | evil.com",
                "1.2.3[.]4 | 1.2.3.4",
                "user[@]evil[.]com | user@evil.com",
                "user(at)evil(dot)com | user@evil.com",
                "user[AT]evil[DOT]com | user@evil.com",
                "user(@)evil{.}com | user@evil.com",
                "evil\\.com | evil.com",
                "www\\.evil\\.co\\.uk | www.evil.co.uk",
                "evil[.]com[/]gate.php | evil.com/gate.php",
                "http[:]//1.2.3[.]4[:]8080 | http://1.2.3.4:8080",
                "(hxxp://evil[.]com) | (http://evil.com)",
            })
    void undoesDefanging(String defanged, String real) {
        assertThat(Refang.refang(defanged)).isEqualTo(real);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain prose, nothing to do.",
                "evil dot com at example", // bare words are prose
                "C:\\Users\\bob\\.ssh\\id_rsa", // backslashes of a path stay
                "..\\..\\evil.dll",
                "hxxpd: is not a scheme",
                "shxxp://x",
                "ArsenalV2%.exe",
                "report%41.pdf", // not a URL: no decoding
                "[ipv4-addr:value = '94.177.198.94']",
                "a [ . ] b",
                "http://evil.com/a%20b%2Fc%25d%3F", // reserved, space and '%' stay escaped
                "http://evil.com/%C3", // not UTF-8
                "http://evil.com/%E2%80%8B", // a zero-width space would hide in the term
            })
    void leavesEverythingElseAlone(String text) {
        assertThat(Refang.refang(text)).isSameAs(text);
    }

    @Test
    void nullAndEmpty() {
        assertThat(Refang.refang(null)).isNull();
        assertThat(Refang.refang("")).isEmpty();
    }

    @Test
    void keepsTheWhiteSpaceAroundTokens() {
        assertThat(Refang.refang("  a[.]b\tc\n[.] ")).isEqualTo("  a.b\tc\n. ");
    }

    @Test
    void decodesUnreservedAndUtf8EscapesInUrlsOnly() {
        assertThat(Refang.refang("hxxp://evil[.]com/%70ayload%2Eexe")).isEqualTo("http://evil.com/payload.exe");
        assertThat(Refang.refang("see http://evil.com/%D0%BF%20x")).isEqualTo("see http://evil.com/\u043f%20x");
        assertThat(Refang.refang("<https://evil.com/%7euser>")).isEqualTo("<https://evil.com/~user>");
        assertThat(Refang.refang("file%2Eexe http://evil.com/%41")).isEqualTo("file%2Eexe http://evil.com/A");
    }

    @Test
    void isIdempotentOnItsOwnOutput() {
        String once = Refang.refang("hxxps://evil[.]com/%2541 user[@]evil[.]com evil\\.com");
        assertThat(Refang.refang(once)).isSameAs(once);
    }

    @Test
    void hostileInputsStayLinear() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Refang.refang("[.]".repeat(350_000))).isEqualTo(".".repeat(350_000));
            assertThat(Refang.refang("evil\\.".repeat(200_000))).hasSize(1_000_000);
            String url = "http://x/" + "%41".repeat(350_000);
            assertThat(Refang.refang(url)).isEqualTo("http://x/" + "A".repeat(350_000));
            String mixed = "http://x/" + "%41%20".repeat(170_000);
            assertThat(Refang.refang(mixed)).isEqualTo("http://x/" + "A%20".repeat(170_000));
            String brackets = "[[[(((".repeat(200_000);
            assertThat(Refang.refang(brackets)).isSameAs(brackets);
        });
    }
}
