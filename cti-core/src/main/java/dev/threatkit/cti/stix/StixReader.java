package dev.threatkit.cti.stix;

import dev.threatkit.cti.internal.json.JsonScanner;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads STIX objects one at a time from a bundle, a JSON array of objects or a single object, plain or gzip
 * (detected from the first bytes). Only the current object is in memory, so a bundle of any size reads in flat
 * memory.
 *
 * <pre>{@code
 * try (StixReader reader = StixReader.open(Path.of("enterprise-attack.json.gz"))) {
 *     while (reader.hasNext()) {
 *         StixObject object = reader.next();
 *         String where = reader.path(); // objects[12]
 *     }
 * }
 * }</pre>
 *
 * <p>Malformed input throws {@link StixParseException} from {@code hasNext}/{@code next}, with the line, column
 * and JSON path; reading cannot go on after it. Not thread-safe.
 */
public final class StixReader implements Iterator<StixObject>, Closeable {
    /** How the input holds its objects. */
    public enum Shape {
        /** {@code {"type": "bundle", "objects": [...]}}: paths read {@code objects[i]}. */
        BUNDLE,
        /** {@code [{...}, {...}]}: paths read {@code [i]}. */
        ARRAY,
        /** One object: paths are bare property names. */
        SINGLE
    }

    private static final int BUFFER = 1 << 16;

    private final JsonScanner scanner;
    private final String source;
    private final StixProperties.Builder header = StixProperties.builder();

    private Shape shape;
    private StixObject pending;
    private boolean inArray;
    private boolean done;
    private int nextIndex;
    private int index = -1;

    private StixReader(JsonScanner scanner, String source) {
        this.scanner = scanner;
        this.source = source;
    }

    /** Opens a file; {@code .gz} or not, the content decides. */
    public static StixReader open(Path file) {
        return open(file, ReadOptions.DEFAULTS);
    }

    public static StixReader open(Path file, ReadOptions options) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new StixParseException(
                    StixParseException.Reason.UNREADABLE, file.toString(), "", 0, 0, "no such file; check the path");
        } catch (IOException e) {
            throw new StixParseException(
                    StixParseException.Reason.UNREADABLE,
                    file.toString(),
                    "",
                    0,
                    0,
                    "cannot open: " + e.getMessage(),
                    e);
        }
        return open(in, file.toString(), options);
    }

    /** Reads from {@code in}, which the reader closes. {@code source} names it in messages. */
    public static StixReader open(InputStream in, String source) {
        return open(in, source, ReadOptions.DEFAULTS);
    }

    public static StixReader open(InputStream in, String source, ReadOptions options) {
        StixReader reader = null;
        try {
            InputStream stream = maybeGunzip(in);
            JsonScanner scanner = new JsonScanner(
                    stream, options.maxStringLength(), options.maxNestingDepth(), options.maxNumberLength());
            reader = new StixReader(scanner, source);
            reader.start();
            return reader;
        } catch (IOException e) {
            closeQuietly(in);
            throw reader != null ? reader.failure(e) : unreadable(source, e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Reads a JSON document held in {@code length} bytes of {@code utf8} from {@code offset}, in place (the
     * array must not change while the reader is open). Cheaper than a stream for many small documents.
     */
    public static StixReader of(byte[] utf8, int offset, int length, String source) {
        java.util.Objects.checkFromIndexSize(offset, length, utf8.length);
        ReadOptions options = ReadOptions.DEFAULTS;
        JsonScanner scanner = new JsonScanner(
                utf8, offset, length, options.maxStringLength(), options.maxNestingDepth(), options.maxNumberLength());
        StixReader reader = new StixReader(scanner, source);
        try {
            reader.start();
        } catch (IOException e) {
            throw reader.failure(e);
        }
        return reader;
    }

    /** Parses a whole JSON text; convenient for tests and small inputs. */
    public static StixReader of(String json) {
        return open(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "input");
    }

    /**
     * Detects gzip by its magic bytes. A pushback stream rather than a buffered one: the scanner reads in large
     * blocks itself, and a second buffer would copy every byte once more.
     */
    private static InputStream maybeGunzip(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        int b1 = peek.read();
        int b2 = b1 < 0 ? -1 : peek.read();
        if (b2 >= 0) {
            peek.unread(b2);
        }
        if (b1 >= 0) {
            peek.unread(b1);
        }
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(peek, BUFFER);
        }
        return peek;
    }

    private void start() throws IOException {
        scanner.skipBom();
        int c = scanner.peek();
        if (c < 0) {
            throw new StixParseException(
                    StixParseException.Reason.MALFORMED,
                    source,
                    "",
                    1,
                    1,
                    "the input is empty; expected a STIX bundle, a JSON array of objects or one object");
        }
        if (c == '[') {
            scanner.advance();
            shape = Shape.ARRAY;
            inArray = true;
            return;
        }
        if (c != '{') {
            throw notStix("expected a STIX bundle, a JSON array of objects or one object, found "
                    + (c == '"' ? "a string" : c == 't' || c == 'f' ? "a boolean" : c == 'n' ? "null" : "a number"));
        }
        scanner.advance();
        readHeaderUntilObjects(true);
    }

    /** Reads top-level members until the bundle's objects list starts, or to the end of a single object. */
    private void readHeaderUntilObjects(boolean first) throws IOException {
        boolean needComma = !first;
        while (true) {
            int c = scanner.peek();
            if (c == '}') {
                scanner.advance();
                break;
            }
            if (needComma) {
                if (c != ',') {
                    throw scanner.malformed("expected ',' or '}' in an object but found "
                            + (c < 0 ? "the end of the input (truncated?)" : "'" + (char) c + "'"));
                }
                scanner.advance();
            } else if (c != '"' && !first) {
                throw scanner.malformed("expected a key");
            }
            needComma = true;
            String name = scanner.readKey();
            if (name.equals("objects") && scanner.peek() == '[' && !(header.has("type") && !isBundleType())) {
                if (header.has("objects")) {
                    throw duplicateKey("objects");
                }
                scanner.advance();
                scanner.enterKey("objects");
                shape = Shape.BUNDLE;
                inArray = true;
                return;
            }
            if (header.has(name)) {
                throw duplicateKey(name);
            }
            scanner.enterKey(name);
            header.put(name, scanner.readValue(1));
            scanner.leave();
        }
        if (shape == Shape.BUNDLE) {
            if (!isBundleType()) {
                throw notStix("a top-level object with an \"objects\" list must have \"type\": \"bundle\"");
            }
            expectEnd();
            return; // the trailing members of a bundle
        }
        expectEnd();
        if (isBundleType() && header.has("objects")) {
            throw notStix("a bundle's \"objects\" must be a list of STIX objects");
        }
        if (isBundleType()) {
            shape = Shape.BUNDLE; // a bundle without objects
        } else {
            shape = Shape.SINGLE;
            pending = StixObject.of(header.build());
        }
    }

    private StixParseException duplicateKey(String name) {
        return new StixParseException(
                StixParseException.Reason.DUPLICATE_KEY,
                source,
                "",
                scanner.line(),
                scanner.currentColumn(),
                "key \"" + name + "\" appears twice in the top-level object; JSON keys "
                        + "must be unique, remove one of them");
    }

    private boolean isBundleType() {
        return "bundle".equals(header.get("type"));
    }

    private void expectEnd() throws IOException {
        int c = scanner.peek();
        if (c >= 0) {
            throw new StixParseException(
                    StixParseException.Reason.MALFORMED,
                    source,
                    "",
                    scanner.line(),
                    scanner.currentColumn(),
                    "unexpected content after the end of the JSON value: '" + (char) c + "'");
        }
    }

    public Shape shape() {
        return shape;
    }

    /** The name given for the input (usually the file path). */
    public String source() {
        return source;
    }

    /**
     * The bundle's own members except {@code objects} (type, id, spec_version ...). Complete once the reader is
     * exhausted; members written after {@code objects} appear only then.
     */
    public StixProperties bundleProperties() {
        return header.build();
    }

    /** Position of the object last returned by {@link #next()} (0-based), or -1 before the first. */
    public int index() {
        return index;
    }

    /** JSON path of the object last returned: {@code objects[i]}, {@code [i]} or "" for a single object. */
    public String path() {
        return pathOf(index);
    }

    /** The path prefix of object {@code i} for this input's shape. */
    public String pathOf(int i) {
        switch (shape) {
            case BUNDLE:
                return "objects[" + i + "]";
            case ARRAY:
                return "[" + i + "]";
            default:
                return "";
        }
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (done || !inArray) {
            return false;
        }
        try {
            int c = scanner.peek();
            if (nextIndex > 0 || c == ',') {
                if (c == ']') {
                    scanner.advance();
                    inArray = false;
                    finish();
                    return false;
                }
                if (c != ',') {
                    throw scanner.malformed(
                            c < 0
                                    ? "unexpected end of input: the objects list is not closed"
                                    : "expected ',' or ']' in an array but found '" + (char) c + "'");
                }
                scanner.advance();
                c = scanner.peek();
            } else if (c == ']') {
                scanner.advance();
                inArray = false;
                finish();
                return false;
            }
            if (c != '{') {
                if (c < 0) {
                    throw scanner.malformed("unexpected end of input: the objects list is not closed");
                }
                throw notStix("element " + nextIndex + " is not a STIX object");
            }
            scanner.advance();
            scanner.enterIndex(nextIndex);
            pending = StixObject.of(scanner.readObjectBody(3));
            scanner.leave();
            return true;
        } catch (IOException e) {
            done = true;
            throw failure(e);
        } catch (StixParseException e) {
            done = true;
            throw e;
        }
    }

    private void finish() throws IOException {
        done = true;
        if (shape == Shape.BUNDLE) {
            scanner.leave(); // "objects"
            readHeaderUntilObjects(false); // trailing members, then the closing brace
        } else {
            expectEnd();
        }
    }

    @Override
    public StixObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StixObject o = pending;
        pending = null;
        index = nextIndex++;
        if (shape == Shape.SINGLE) {
            done = true;
        }
        return o;
    }

    @Override
    public void close() {
        scanner.close();
    }

    private StixParseException notStix(String detail) {
        return new StixParseException(
                StixParseException.Reason.NOT_STIX,
                source,
                scanner.path(),
                scanner.line(),
                scanner.currentColumn(),
                detail);
    }

    private StixParseException failure(IOException e) {
        if (e instanceof JsonScanner.Failure) {
            JsonScanner.Failure f = (JsonScanner.Failure) e;
            StixParseException.Reason reason;
            String detail;
            switch (f.kind()) {
                case DUPLICATE_KEY:
                    reason = StixParseException.Reason.DUPLICATE_KEY;
                    detail = f.getMessage();
                    break;
                case LIMIT:
                    reason = StixParseException.Reason.LIMIT;
                    detail = "parser limit exceeded: " + f.getMessage() + " (limits are set by ReadOptions)";
                    break;
                default:
                    reason = StixParseException.Reason.MALFORMED;
                    detail = "not valid JSON: " + f.getMessage();
            }
            return new StixParseException(reason, source, f.path(), f.line(), f.column(), detail, e);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StixParseException(
                StixParseException.Reason.UNREADABLE,
                source,
                scanner.path(),
                scanner.line(),
                scanner.currentColumn(),
                "cannot read: " + msg + (e instanceof java.util.zip.ZipException ? " (corrupt gzip?)" : ""),
                e);
    }

    private static StixParseException unreadable(String source, IOException e) {
        return new StixParseException(
                StixParseException.Reason.UNREADABLE, source, "", 0, 0, "cannot read: " + e.getMessage(), e);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
