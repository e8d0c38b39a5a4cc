package dev.threatkit.cti.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared public datasets ({@code ../shared/data} beside the project). Tests that need them skip with a clear
 * message when they are absent, except in CI ({@code CI=true}), where their absence fails the build.
 */
public final class SharedData {
    private SharedData() {}

    /** The data directory; skips (or fails in CI) when it is missing. */
    public static Path root() {
        Path root = locate();
        boolean present = root != null && Files.isDirectory(root.resolve("data"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but the shared datasets are missing: expected ../shared/data beside "
                    + "the project (or -Dcti.shared=DIR)");
        }
        assumeTrue(present, "skipped: ../shared/data is not beside the project (set -Dcti.shared=DIR to run)");
        return root.resolve("data");
    }

    /** A file under the data directory; skips (or fails in CI) when missing. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("shared data file missing: " + p);
        }
        return p;
    }

    private static Path locate() {
        String configured = System.getProperty("cti.shared");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return null;
    }
}
