package dev.threatkit.cti.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error, or completes in flat memory; it never crashes, hangs or overflows the stack. */
class HostileInputTest {
    private static StixParseException parseFailure(String json) {
        try (StixReader r = StixReader.of(json)) {
            r.forEachRemaining(o -> {});
        } catch (StixParseException e) {
            return e;
        }
        throw new AssertionError("expected a parse failure for " + json.substring(0, Math.min(80, json.length())));
    }

    @Test
    void truncatedJson_isMalformedWithLocation() {
        StixParseException e = parseFailure("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"malw");
        assertThat(e.reason()).isEqualTo(StixParseException.Reason.MALFORMED);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("objects[0]");
    }

    @Test
    void duplicateKeys_areRejectedWithTheirPath() {
        StixParseException e = parseFailure(
                "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"tool\"},"
                        + "{\"type\":\"malware\",\"kill_chain_phases\":[{\"phase_name\":\"a\",\"phase_name\":\"b\"}]}]}");
        assertThat(e.reason()).isEqualTo(StixParseException.Reason.DUPLICATE_KEY);
        assertThat(e.path()).isEqualTo("objects[1].kill_chain_phases[0]");
        assertThat(e.getMessage()).contains("\"phase_name\" appears twice");
        assertThat(parseFailure("{\"type\":\"a\",\"type\":\"b\"}").reason())
                .isEqualTo(StixParseException.Reason.DUPLICATE_KEY);
        String many = "{" + String.join(",", Collections.nCopies(40, "\"x\":1")).replaceFirst("\"x\"", "\"y\"") + "}";
        assertThat(parseFailure(many).reason()).isEqualTo(StixParseException.Reason.DUPLICATE_KEY);
    }

    @Test
    void deepNesting_hitsTheLimitNotTheStack() {
        String deep = "{\"type\":\"x-deep\",\"x_v\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        StixParseException e = parseFailure(deep);
        assertThat(e.reason()).isEqualTo(StixParseException.Reason.LIMIT);
        assertThat(e.getMessage()).contains("nesting");
    }

    @Test
    void fiftyMegabyteString_hitsTheStringLimitOrCompletes() {
        String big = "{\"type\":\"note\",\"content\":\"" + "a".repeat(50 * 1024 * 1024) + "\"}";
        StixParseException e = parseFailure(big);
        assertThat(e.reason()).isEqualTo(StixParseException.Reason.LIMIT);
        assertThat(e.getMessage()).contains("string value length exceeds the limit");
        // with the limit raised, the same input reads
        ReadOptions roomy = ReadOptions.DEFAULTS.withMaxStringLength(64 * 1024 * 1024);
        try (StixReader r =
                StixReader.open(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), "big", roomy)) {
            assertThat(r.next().getString("content")).hasSize(50 * 1024 * 1024);
        }
    }

    @Test
    void invalidUtf8_isMalformed() {
        byte[] bytes = "{\"type\":\"tool\",\"name\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
                    try (StixReader r = StixReader.open(new ByteArrayInputStream(bytes), "latin1.json")) {
                        r.forEachRemaining(o -> {});
                    }
                })
                .isInstanceOf(StixParseException.class)
                .hasMessageContaining("latin1.json:1")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void notStix_andEmpty_andTrailingGarbage() {
        assertThat(parseFailure("").reason()).isEqualTo(StixParseException.Reason.MALFORMED);
        assertThat(parseFailure("42").reason()).isEqualTo(StixParseException.Reason.NOT_STIX);
        assertThat(parseFailure("[1,2]").reason()).isEqualTo(StixParseException.Reason.NOT_STIX);
        assertThat(parseFailure("{\"type\":\"tool\"} {").reason()).isEqualTo(StixParseException.Reason.MALFORMED);
        assertThat(parseFailure("{\"type\":\"bundle\",\"objects\":{}}").reason())
                .isEqualTo(StixParseException.Reason.NOT_STIX);
    }

    @Test
    void wrongValueTypes_areValidationErrorsNotCrashes() {
        StixObject o = StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":2.1,\"id\":[1],\"created\":true,"
                + "\"modified\":{},\"name\":7,\"is_family\":\"yes\",\"kill_chain_phases\":\"x\","
                + "\"external_references\":[null,3],\"object_marking_refs\":[{}],\"confidence\":1000,"
                + "\"granular_markings\":[{\"selectors\":[\"nope\"],\"marking_ref\":5}],\"hashes\":null}");
        ValidationResult r = StixValidator.builtIn().validate(o);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors())
                .extracting(v -> v.path())
                .contains(
                        "id",
                        "created",
                        "modified",
                        "name",
                        "is_family",
                        "kill_chain_phases",
                        "external_references[0]",
                        "external_references[1]",
                        "object_marking_refs[0]",
                        "confidence",
                        "granular_markings[0].selectors[0]",
                        "granular_markings[0].marking_ref");
    }

    /**
     * Keys that share the key table's hash, ids and missing targets that share the id sets' sampled hash: a
     * hostile file can make them, since the hashes are no secret. They must still read and check right (each
     * table bounds or reseeds itself instead of walking a run as long as the file; see the commit that added this
     * for the times).
     */
    @Test
    void keysAndIdsMadeToCollide_readAndCheckRight() {
        int n = 30_000;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            // keys of 32 bytes alike in their first, second and last eight; UUIDs alike where the id hash reads
            String uuid = String.format("%04x0000-%04x-4000-8000-000000000000", i & 0xffff, i >>> 16);
            sb.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"x-foo\",\"spec_version\":\"2.1\",\"id\":\"x-foo--")
                    .append(uuid)
                    .append("\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\"")
                    .append(String.format(",\"x_aaaaaaaaaaaaaa%08xbbbbbbbb\":%d,", i, i))
                    .append("\"x_other_ref\":\"x-bar--")
                    .append(uuid)
                    .append("\"}");
        }
        String json = sb.append("]").toString();
        int i = 0;
        try (StixReader reader = StixReader.of(json)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                assertThat(o.properties().keyAt(5)).isEqualTo(String.format("x_aaaaaaaaaaaaaa%08xbbbbbbbb", i));
                assertThat(o.properties().valueAt(5)).isEqualTo((long) i);
                i++;
            }
        }
        assertThat(i).isEqualTo(n);
        FileValidator.Report report = new FileValidator(StixValidator.builtIn())
                .validate(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "colliding.json");
        assertThat(report.objects()).isEqualTo(n);
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings())
                .filteredOn(w -> w.message().contains("is not in this file"))
                .hasSize(n);
    }

    /** Objects whose key sets share a hash (keys built of "Aa" and "BB", alike under String.hashCode). */
    @Test
    void keySetsMadeToShareAHash_readRight() {
        int n = 20_000;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"x-foo\",\"")
                    .append(alikeKey(i))
                    .append("\":1}");
        }
        int i = 0;
        try (StixReader reader = StixReader.of(sb.append("]").toString())) {
            while (reader.hasNext()) {
                assertThat(reader.next().properties().keyAt(1)).isEqualTo(alikeKey(i++));
            }
        }
        assertThat(i).isEqualTo(n);
    }

    private static String alikeKey(int i) {
        StringBuilder k = new StringBuilder("x");
        for (int bit = 0; bit < 15; bit++) {
            k.append(((i >>> bit) & 1) == 0 ? "Aa" : "BB");
        }
        return k.toString();
    }

    @Test
    void aMillionTinyObjects_streamInFlatMemory() {
        int n = 1_000_000;
        byte[] head = "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                .getBytes(StandardCharsets.UTF_8);
        byte[] item =
                "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750\",\"value\":\"94.177.198.94\"},"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] last =
                "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750\",\"value\":\"94.177.198.94\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
        InputStream body = new InputStream() { // ~100 MB generated on the fly, never held
                    private long pos;
                    private final long total = (long) item.length * (n - 1);

                    @Override
                    public int read() {
                        return pos < total ? item[(int) (pos++ % item.length)] : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (pos >= total) {
                            return -1;
                        }
                        int count = (int) Math.min(len, total - pos);
                        for (int i = 0; i < count; i++) {
                            b[off + i] = item[(int) (pos++ % item.length)];
                        }
                        return count;
                    }
                };
        InputStream in = new SequenceInputStream(
                Collections.enumeration(List.of(new ByteArrayInputStream(head), body, new ByteArrayInputStream(last))));
        Runtime rt = Runtime.getRuntime();
        FileValidator.Report report = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofMinutes(2), () -> new FileValidator(StixValidator.builtIn()).validate(in, "million"));
        assertThat(report.failure()).isNull();
        assertThat(report.objects()).isEqualTo(n);
        assertThat(report.errors()).isEmpty();
        // nothing of the ~100 MB stream is retained (peak heap is measured with -Xmx64m by FlatMemoryCheck in
        // benchmarks/, on the 132 MB ATT&CK bundle)
        System.gc();
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(256L * 1024 * 1024);
    }
}
