package dev.threatkit.cti.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void readsTheVersionOfWellFormedUuids() {
        assertThat(Formats.uuidVersion("identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5", 10))
                .isEqualTo(4);
        assertThat(Formats.uuidVersion("file--5f0f4f1c-4d0d-5b6c-9f64-9c6a2f1d4c3e", 6))
                .isEqualTo(5);
        assertThat(Formats.uuidVersion("C78CB6E5-0C4B-4611-8297-D1B8B55E40B5", 0))
                .isEqualTo(4);
    }

    @Test
    void rejectsMalformedUuids() {
        String good = "c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
        assertThat(Formats.uuidVersion(good.replace('-', '_'), 0)).isEqualTo(-1);
        assertThat(Formats.uuidVersion(good.substring(1), 0)).isEqualTo(-1);
        assertThat(Formats.uuidVersion(good + "0", 0)).isEqualTo(-1);
        assertThat(Formats.uuidVersion("c78cb6e5-0c4b-4611-7297-d1b8b55e40b5", 0))
                .as("variant 7")
                .isEqualTo(-1);
        assertThat(Formats.uuidVersion("c78cb6e5-0c4b-0611-8297-d1b8b55e40b5", 0))
                .as("version 0")
                .isEqualTo(-1);
        assertThat(Formats.uuidVersion("c78cb6e5-0c4b-4611-8297-d1b8b55e40g5", 0))
                .isEqualTo(-1);
        assertThat(Formats.uuidVersion("c78cb6e5-0c4b-4611-8297-d1b8b55e40\u01305", 0))
                .isEqualTo(-1);
        assertThat(Formats.uuidVersion("c78cb6e50-c4b-4611-8297-d1b8b55e40b5", 0))
                .isEqualTo(-1);
    }

    /** Every single-character change of random UUIDs agrees with a regular expression reading of RFC 4122. */
    @Test
    void agreesWithARegularExpressionOnMutations() {
        Random random = new Random(11);
        String alphabet = "0123456789abcdefABCDEFgG-_ \u00e9\u0130";
        for (int i = 0; i < 20_000; i++) {
            char[] c = new UUID(random.nextLong(), random.nextLong()).toString().toCharArray();
            c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String s = new String(c);
            boolean expected = s.matches(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
            assertThat(Formats.uuidVersion(s, 0) > 0).as(s).isEqualTo(expected);
        }
    }

    /** Every character up to U+017F, and some beyond that end in a hex digit's byte, at every position. */
    @Test
    void checksEveryCharacterAtEveryPosition() {
        String base = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
        java.util.regex.Pattern rfc4122 = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
        for (int at = 10; at < base.length(); at++) {
            for (int ch = 0; ch < 0x1000; ch = ch < 0x180 ? ch + 1 : ch + 0x100 - 1) {
                char[] c = base.toCharArray();
                c[at] = (char) ch;
                String s = new String(c);
                boolean expected = rfc4122.matcher(s.substring(10)).matches();
                assertThat(Formats.uuidVersion(s, 10) > 0)
                        .as("U+%04X at %d", ch, at)
                        .isEqualTo(expected);
            }
        }
    }
}
