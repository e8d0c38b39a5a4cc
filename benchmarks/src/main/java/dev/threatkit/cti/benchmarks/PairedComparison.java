package dev.threatkit.cti.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Compares two builds of cti-core on parse + validate (or parse alone) of ATT&amp;CK Enterprise 18.1, in one JVM,
 * pass by pass, alternating which build goes first. On a VM whose speed drifts by 15% from one minute to the
 * next, two JMH runs minutes apart cannot tell a 3% change from the drift; two builds measured in the same
 * seconds can. The figure to read is the median of the per-round ratio new/base, with its quartiles.
 *
 * <p>Each build is a cti-core jar or classes directory, loaded by its own class loader that looks there first for
 * cti-core's classes and resources; everything else (Jackson, the JDK) is shared. To compare a commit with the
 * working tree:
 *
 * <pre>
 * git worktree add /tmp/cti-base 5a5dcb0
 * (cd /tmp/cti-base &amp;&amp; ./mvnw -B -ntp -q -pl cti-core package -DskipTests)
 * ./mvnw -B -ntp -q -pl cti-core,benchmarks -am package -DskipTests
 * java -Dcti.shared=../shared -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *     dev.threatkit.cti.benchmarks.PairedComparison /tmp/cti-base/cti-core/target/classes cti-core/target/classes
 * </pre>
 *
 * <p>Options: {@code --rounds N} (default 60, after 10 rounds of warm-up), {@code --parse} to time the reader
 * alone instead of {@code FileValidator}.
 */
public final class PairedComparison {
    private static final int WARMUP_ROUNDS = 10;

    private PairedComparison() {}

    public static void main(String[] args) throws Exception {
        Path base = null;
        Path next = null;
        int rounds = 60;
        boolean parseOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds":
                    rounds = i + 1 < args.length ? rounds(args[++i]) : usage("--rounds needs a number");
                    break;
                case "--parse":
                    parseOnly = true;
                    break;
                default:
                    if (args[i].startsWith("-")) {
                        usage("unknown option " + args[i]);
                    } else if (base == null) {
                        base = build(args[i]);
                    } else if (next == null) {
                        next = build(args[i]);
                    } else {
                        usage("more than two builds given");
                    }
            }
        }
        if (next == null) {
            usage("two builds are needed: BASE NEW");
        }
        Path gz;
        try {
            gz = DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1);
        } catch (IllegalStateException e) {
            usage(e.getMessage());
            return;
        }
        byte[] bundle = DataFiles.gunzip(gz);
        Pass a = new Pass(base, parseOnly);
        Pass b = new Pass(next, parseOnly);
        long[] ta = new long[rounds];
        long[] tb = new long[rounds];
        double[] ratios = new double[rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            long x;
            long y;
            if ((r & 1) == 0) { // alternate the order, so that neither build always runs on a warmer cache
                x = a.time(bundle);
                y = b.time(bundle);
            } else {
                y = b.time(bundle);
                x = a.time(bundle);
            }
            if (r >= 0) {
                ta[r] = x;
                tb[r] = y;
                ratios[r] = (double) y / x;
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        Arrays.sort(ratios);
        System.out.printf(
                Locale.ROOT,
                "%s of %s (%,d bytes), %d rounds after %d of warm-up, the two builds alternating%n",
                parseOnly ? "parse" : "parse + validate",
                gz.getFileName(),
                bundle.length,
                rounds,
                WARMUP_ROUNDS);
        System.out.printf(Locale.ROOT, "base %s: median %.1f ms, min %.1f ms%n", base, ms(ta[rounds / 2]), ms(ta[0]));
        System.out.printf(Locale.ROOT, "new  %s: median %.1f ms, min %.1f ms%n", next, ms(tb[rounds / 2]), ms(tb[0]));
        System.out.printf(
                Locale.ROOT,
                "new/base per round: median %.3f, quartiles [%.3f, %.3f]%n",
                ratios[rounds / 2],
                ratios[rounds / 4],
                ratios[(3 * rounds) / 4]);
    }

    /** One build's pass over the bundle, reached by reflection through the build's own class loader. */
    private static final class Pass {
        private final boolean parseOnly;
        private final Object validator;
        private final Method validate;
        private final Method objects;
        private final Method failure;
        private final Method open;

        Pass(Path build, boolean parseOnly) throws ReflectiveOperationException {
            this.parseOnly = parseOnly;
            ClassLoader loader = new BuildLoader(build, PairedComparison.class.getClassLoader());
            Class<?> stixValidator = loader.loadClass("dev.threatkit.cti.validation.StixValidator");
            Class<?> fileValidator = loader.loadClass("dev.threatkit.cti.validation.FileValidator");
            this.validator = fileValidator
                    .getConstructor(stixValidator)
                    .newInstance(stixValidator.getMethod("builtIn").invoke(null));
            this.validate = fileValidator.getMethod("validate", InputStream.class, String.class);
            Class<?> report = validate.getReturnType();
            this.objects = report.getMethod("objects");
            this.failure = report.getMethod("failure");
            this.open = loader.loadClass("dev.threatkit.cti.stix.StixReader")
                    .getMethod("open", InputStream.class, String.class);
        }

        long time(byte[] bundle) throws Exception {
            long start = System.nanoTime();
            int count = parseOnly ? parse(bundle) : validate(bundle);
            long elapsed = System.nanoTime() - start;
            if (count != DataFiles.ATTACK_ENTERPRISE_18_1_OBJECTS) {
                throw new IllegalStateException(
                        "a pass read " + count + " objects, expected " + DataFiles.ATTACK_ENTERPRISE_18_1_OBJECTS);
            }
            return elapsed;
        }

        private int validate(byte[] bundle) throws ReflectiveOperationException {
            Object report = validate.invoke(validator, new ByteArrayInputStream(bundle), "attack.json");
            if (failure.invoke(report) != null) {
                throw new IllegalStateException("the bundle did not read to its end: " + failure.invoke(report));
            }
            return (int) objects.invoke(report);
        }

        private int parse(byte[] bundle) throws Exception {
            int n = 0;
            try (AutoCloseable reader = (AutoCloseable) open.invoke(null, new ByteArrayInputStream(bundle), "a")) {
                Iterator<?> objects = (Iterator<?>) reader;
                while (objects.hasNext()) {
                    if (objects.next() != null) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    /** Loads cti-core's classes and resources from one build first; everything else from the parent. */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(Path build, ClassLoader parent) {
            super(new URL[] {url(build)}, parent);
        }

        private static URL url(Path build) {
            try {
                return build.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a usable path: " + build, e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.threatkit.cti.") || name.startsWith("dev.threatkit.cti.benchmarks.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name); // this build's, never the benchmark jar's copy
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }

    private static Path build(String arg) {
        Path p = Path.of(arg).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            usage("no such build: " + arg + " (give a cti-core jar or its target/classes directory)");
        }
        if (Files.isRegularFile(p) && !p.toString().endsWith(".jar")) {
            usage("not a jar or a directory: " + arg);
        }
        return p;
    }

    private static int rounds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 4) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return usage("--rounds needs a whole number of at least 4, not " + s);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int usage(String problem) {
        System.err.println("PairedComparison: " + problem);
        System.err.println(
                "usage: PairedComparison BASE NEW [--rounds N] [--parse]   (BASE, NEW: a cti-core jar or classes directory)");
        System.exit(2);
        return 2; // not reached
    }
}
