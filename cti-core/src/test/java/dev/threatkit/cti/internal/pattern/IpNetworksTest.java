package dev.threatkit.cti.internal.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpNetworksTest {
    @ParameterizedTest
    @CsvSource({
        "198.51.100.7, 198.51.100.0/24, true",
        "198.51.100.0/27, 198.51.100.0/24, true",
        "198.51.100.0/24, 198.51.100.0/27, false",
        "198.51.100.0/24, 198.51.100.0/24, true",
        "198.51.101.7, 198.51.100.0/24, false",
        "10.1.2.3, 0.0.0.0/0, true",
        "10.1.2.3, 10.1.2.3, true",
        "10.1.2.3, 10.1.2.4, false",
        "2001:db8::1, 2001:db8::/32, true",
        "2001:db9::1, 2001:db8::/32, false",
        "2001:db8::1, 198.51.100.0/24, false",
        "256.1.1.1, 0.0.0.0/0, false",
        "1.2.3, 0.0.0.0/0, false",
        "1.2.3.4/33, 0.0.0.0/0, false",
        "evil.example, 0.0.0.0/0, false",
    })
    void subsets(String inner, String outer, boolean expected) {
        assertThat(IpNetworks.isSubset(inner, outer)).isEqualTo(expected);
    }

    /** The IPv4 fast path agrees with the general one. */
    @Test
    void fastPathAgreesWithTheGeneralParse() {
        Random r = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            String a = r.nextInt(260) + "." + r.nextInt(4) + "." + r.nextInt(4) + "." + r.nextInt(256)
                    + (r.nextBoolean() ? "" : "/" + r.nextInt(34));
            String b = r.nextInt(4) + "." + r.nextInt(4) + "." + r.nextInt(4) + ".0/" + r.nextInt(34);
            IpNetworks.Network na = IpNetworks.parse(a);
            IpNetworks.Network nb = IpNetworks.parse(b);
            boolean general = na != null && nb != null && nb.contains(na);
            assertThat(IpNetworks.isSubset(a, b)).as(a + " in " + b).isEqualTo(general);
        }
    }
}
