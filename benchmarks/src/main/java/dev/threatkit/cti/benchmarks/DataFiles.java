package dev.threatkit.cti.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Finds and loads the public datasets under {@code ../shared/data} for the benchmarks.
 *
 * <p>The shared folder is the system property {@code cti.shared} when set; otherwise {@code ../shared} relative
 * to the working directory, then {@code ../shared} beside the repository root (the first ancestor of the
 * working directory holding {@code mvnw}).
 */
public final class DataFiles {
    /** MITRE ATT&CK Enterprise 18.1 as one STIX 2.1 bundle, gzip. */
    public static final String ATTACK_ENTERPRISE_18_1 =
            "data/mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz";

    /** Objects in the ATT&CK Enterprise 18.1 bundle. */
    public static final int ATTACK_ENTERPRISE_18_1_OBJECTS = 24_771;

    private DataFiles() {}

    /** The dataset at {@code relative} under the shared folder; fails with the places it looked. */
    public static Path locate(String relative) {
        List<Path> tried = new ArrayList<>();
        for (Path shared : sharedCandidates()) {
            Path file = shared.resolve(relative).normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
            tried.add(file);
        }
        throw new IllegalStateException("dataset " + relative + " not found; looked at " + tried
                + ". Put the shared folder beside the project (../shared) or pass -Dcti.shared=/path/to/shared");
    }

    private static Set<Path> sharedCandidates() {
        Set<Path> candidates = new LinkedHashSet<>();
        String property = System.getProperty("cti.shared");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property).toAbsolutePath().normalize());
            return candidates; // an explicit setting is not second-guessed
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        candidates.add(cwd.resolve("../shared").normalize());
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                candidates.add(dir.resolve("../shared").normalize());
                break;
            }
        }
        return candidates;
    }

    /** The whole gunzipped content of a {@code .gz} file (single member, under 2 GB unpacked). */
    public static byte[] gunzip(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            byte[] data = new byte[unpackedSize(gz)];
            int n = in.readNBytes(data, 0, data.length);
            if (n != data.length || in.read() != -1) {
                throw new IOException("unpacked size differs from the gzip trailer's " + data.length + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gz, e);
        }
    }

    /** ISIZE from the gzip trailer: the unpacked length modulo 2^32. */
    private static int unpackedSize(Path gz) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(gz)) {
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(channel.size() - 4);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // read the 4 bytes
            }
            int size = trailer.flip().getInt();
            if (size < 0) {
                throw new IOException("unpacked size over 2 GB");
            }
            return size;
        }
    }
}
