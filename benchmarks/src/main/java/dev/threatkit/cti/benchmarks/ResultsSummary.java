package dev.threatkit.cti.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Turns the JSON result file of {@link ParseValidateBenchmark} ({@code -rf json}) into the Markdown tables of
 * {@code benchmarks/RESULTS.md}: JMH's score and 99.9% error, the median and a 99% confidence interval over all
 * measured iterations of all forks, the derived MB/s (10^6 bytes) and objects/s, allocation per pass, and the
 * verdict on the target.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.ResultsSummary /tmp/jmh.json
 * </pre>
 */
public final class ResultsSummary {
    private static final String PRODUCT = "ctiParseValidate";
    private static final List<String> BASELINES = List.of("jacksonTreePerObject", "jacksonMapPerObject");
    private static final double TARGET_MB_PER_S = 100.0;

    private ResultsSummary() {}

    /** One benchmark's measurements, in ms per full-bundle pass. */
    private record Row(
            String name,
            String unit,
            double score,
            double error999,
            double[] samples,
            double[] forkMeans,
            double median,
            double ci99Low,
            double ci99High,
            double allocNorm,
            double allocRate,
            double gcCount,
            double gcTime) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultsSummary JMH_JSON [UNPACKED_BYTES]");
            System.exit(2);
        }
        long bytes = args.length > 1
                ? Long.parseLong(args[1])
                : DataFiles.gunzip(DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1)).length;
        int objects = DataFiles.ATTACK_ENTERPRISE_18_1_OBJECTS;
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());

        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode r : results) {
            Row row = row(r);
            rows.put(row.name(), row);
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "Input: %,d bytes (%.1f MB), %,d objects.%n%n", bytes, bytes / 1e6, objects));
        out.append("| benchmark | score ± 99.9% error (ms/pass) | median (ms/pass) | 99% CI (ms/pass) | samples "
                + "(forks × iterations) | MB/s (median) | objects/s (median) | MB/s range over 99% CI "
                + "| gc.alloc.rate.norm (MB/pass) | gc.alloc.rate (MB/s) | GC count / time |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows.values()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f ± %.1f | %.1f | [%.1f, %.1f] | %d (%d × %d) | %.1f | %,.0f | %.1f – %.1f | %.1f | %.0f |"
                            + " %.0f / %.0f ms |%n",
                    r.name(),
                    r.score(),
                    r.error999(),
                    r.median(),
                    r.ci99Low(),
                    r.ci99High(),
                    r.samples().length,
                    r.forkMeans().length,
                    r.samples().length / Math.max(1, r.forkMeans().length),
                    mbPerS(bytes, r.median()),
                    objects / (r.median() / 1000.0),
                    mbPerS(bytes, r.ci99High()),
                    mbPerS(bytes, r.ci99Low()),
                    r.allocNorm() / 1e6,
                    r.allocRate(),
                    r.gcCount(),
                    r.gcTime()));
        }

        out.append("\nPer-fork means (ms/pass):\n\n");
        for (Row r : rows.values()) {
            out.append("- ").append(r.name()).append(": ");
            StringBuilder forks = new StringBuilder();
            for (double m : r.forkMeans()) {
                forks.append(forks.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", m));
            }
            out.append(forks).append('\n');
        }

        Row product = rows.get(PRODUCT);
        if (product != null) {
            out.append("\nVerdict:\n\n");
            double mbs = mbPerS(bytes, product.median());
            out.append(String.format(
                    Locale.ROOT,
                    "- %s at %.1f MB/s (median; %.1f MB/s at the slow end of its 99%% CI): %s the %.0f MB/s target.%n",
                    PRODUCT,
                    mbs,
                    mbPerS(bytes, product.ci99High()),
                    mbs >= TARGET_MB_PER_S ? "meets" : "MISSES",
                    TARGET_MB_PER_S));
            for (String b : BASELINES) {
                Row base = rows.get(b);
                if (base == null) {
                    continue;
                }
                boolean faster = product.median() < base.median();
                boolean separated = faster ? product.ci99High() < base.ci99Low() : base.ci99High() < product.ci99Low();
                out.append(String.format(
                        Locale.ROOT,
                        "- vs %s (%.1f MB/s): %s by %.2fx, 99%% CIs %s → %s.%n",
                        b,
                        mbPerS(bytes, base.median()),
                        faster ? "faster" : "SLOWER",
                        faster ? base.median() / product.median() : product.median() / base.median(),
                        separated ? "do not overlap" : "OVERLAP",
                        faster && separated ? "ahead" : "NOT ahead"));
            }
        }
        System.out.print(out);
    }

    private static double mbPerS(long bytes, double msPerPass) {
        return bytes / 1e6 / (msPerPass / 1000.0);
    }

    private static Row row(JsonNode r) {
        String benchmark = r.get("benchmark").asText();
        String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        JsonNode primary = r.get("primaryMetric");
        if (!"AverageTime".equalsIgnoreCase(r.get("mode").asText())
                && !"avgt".equals(r.get("mode").asText())) {
            throw new IllegalArgumentException("expected AverageTime results, got mode " + r.get("mode"));
        }
        List<Double> all = new ArrayList<>();
        List<Double> forkMeans = new ArrayList<>();
        for (JsonNode fork : primary.get("rawData")) {
            double sum = 0;
            for (JsonNode it : fork) {
                all.add(it.asDouble());
                sum += it.asDouble();
            }
            forkMeans.add(sum / fork.size());
        }
        double[] samples = all.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        double sd = Math.sqrt(
                Arrays.stream(samples).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
        // The same interval JMH reports (Student's t over all iterations), at 99% instead of 99.9%.
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.995) * sd / Math.sqrt(n);
        JsonNode secondary = r.path("secondaryMetrics");
        return new Row(
                name,
                primary.get("scoreUnit").asText(),
                primary.get("score").asDouble(),
                primary.get("scoreError").asDouble(),
                samples,
                forkMeans.stream().mapToDouble(Double::doubleValue).toArray(),
                median,
                mean - half,
                mean + half,
                secondary(secondary, "gc.alloc.rate.norm"),
                secondary(secondary, "gc.alloc.rate"),
                secondary(secondary, "gc.count"),
                secondary(secondary, "gc.time"));
    }

    /** A secondary metric's score by name, with or without JMH's older "·" prefix; NaN when absent. */
    private static double secondary(JsonNode secondary, String name) {
        for (String key : List.of(name, "·" + name)) {
            if (secondary.has(key)) {
                return secondary.get(key).get("score").asDouble();
            }
        }
        return Double.NaN;
    }
}
