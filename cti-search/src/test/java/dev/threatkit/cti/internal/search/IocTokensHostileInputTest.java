package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input built to make a scanner quadratic or a regular expression backtrack. Each megabyte must come back in a
 * fraction of the time limit; a quadratic pass over it would take minutes.
 */
class IocTokensHostileInputTest {
    private static final int MB = 1 << 20;

    static List<Supplier<String>> inputs() {
        return List.of(
                () -> ".".repeat(MB),
                () -> "[.]".repeat(MB / 3),
                () -> "9".repeat(100_000),
                () -> "::".repeat(MB / 2),
                () -> "a::".repeat(MB / 3),
                () -> "1:".repeat(MB / 2),
                () -> "a.".repeat(MB / 2),
                () -> "a-".repeat(MB / 2) + ".com",
                () -> "1.1.1.1.".repeat(MB / 8),
                () -> "/".repeat(MB),
                () -> "\\a".repeat(MB / 2),
                () -> "http://".repeat(MB / 7),
                () -> "x://".repeat(MB / 4),
                () -> "http://evil.com/" + ")".repeat(MB),
                () -> "http://evil.com/" + "%41".repeat(MB / 3),
                () -> "@".repeat(MB),
                () -> "a@".repeat(MB / 2),
                () -> "a,".repeat(MB / 2),
                () -> "3:".repeat(MB / 2),
                () -> "T1059.".repeat(MB / 6),
                () -> "cve-".repeat(MB / 4),
                () -> "ab".repeat(MB / 2),
                () -> "evil.com ".repeat(MB / 9),
                () -> "\u00a0".repeat(MB));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void aMegabyteFinishesFast(Supplier<String> input) {
        String text = input.get();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            IocTokens.extract(text, term -> assertThat(term.length()).isLessThanOrEqualTo(IocTokens.MAX_TERM));
        });
    }

    @Test
    void hostileInputsYieldNothingWrong() {
        assertThat(IocTokens.tokens(".".repeat(MB))).isEmpty();
        assertThat(IocTokens.tokens("[.]".repeat(MB / 3))).isEmpty();
        assertThat(IocTokens.tokens("9".repeat(100_000))).isEmpty();
        assertThat(IocTokens.tokens("::".repeat(MB / 2))).isEmpty();
        assertThat(IocTokens.tokens("1.1.1.1 ".repeat(MB / 8))).containsExactly("1.1.1.1");
    }

    /** A realistic description: a megabyte of report prose with indicators in it. */
    @Test
    void aMegabyteOfReportProse() {
        String paragraph = "The actor (G0016) sent invoice.pdf.exe from user[@]evil[.]com; the dropper beaconed to "
                + "hxxps://cdn.evil[.]co.uk/gate.php?id=7 and 94.177.198.94:443, then ran T1059.001 against "
                + "C:\\Windows\\System32\\evil.dll (SHA-256 e298a3d6b21e4c2b1ab7a0c7e6f3d3b9b3a5b8c2d1e0f9a8b7c6d5e4"
                + "f3a2b1c0), exploiting CVE-2021-44228 over 2001:db8::1 in version 1.2.3, e.g. on 2021-01-01.\n";
        String text = paragraph.repeat(MB / paragraph.length());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(IocTokens.tokens(text))
                    .containsExactlyInAnyOrder(
                            "g0016",
                            "invoice.pdf.exe",
                            "user@evil.com",
                            "evil.com",
                            "https://cdn.evil.co.uk/gate.php?id=7",
                            "cdn.evil.co.uk",
                            "evil.co.uk",
                            "co.uk",
                            "gate.php",
                            "94.177.198.94",
                            "t1059.001",
                            "c:\\windows\\system32\\evil.dll",
                            "evil.dll",
                            "e298a3d6b21e4c2b1ab7a0c7e6f3d3b9b3a5b8c2d1e0f9a8b7c6d5e4f3a2b1c0",
                            "cve-2021-44228",
                            "2001:db8::1");
        });
    }
}
