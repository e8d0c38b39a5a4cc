package dev.threatkit.cti.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.threatkit.cti.internal.json.JsonTreeReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
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

    private final JsonParser parser;
    private final String source;
    private final JsonTreeReader tree = new JsonTreeReader();
    private final StixProperties.Builder header = StixProperties.builder();

    private Shape shape;
    private StixObject pending;
    private boolean inArray;
    private boolean done;
    private int nextIndex;
    private int index = -1;

    private StixReader(JsonParser parser, String source) {
        this.parser = parser;
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
            JsonParser parser = factory(options).createParser(stream);
            reader = new StixReader(parser, source);
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

    /** Parses a whole JSON text; convenient for tests and small inputs. */
    public static StixReader of(String json) {
        return open(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "input");
    }

    static JsonFactory factory(ReadOptions options) {
        if (options.equals(ReadOptions.DEFAULTS) && DefaultFactory.INSTANCE != null) {
            return DefaultFactory.INSTANCE;
        }
        return newFactory(options);
    }

    private static JsonFactory newFactory(ReadOptions options) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(options.maxStringLength())
                        .maxNestingDepth(options.maxNestingDepth())
                        .maxNumberLength(options.maxNumberLength())
                        .build())
                .build();
    }

    private static final class DefaultFactory {
        static final JsonFactory INSTANCE = newFactory(ReadOptions.DEFAULTS);
    }

    /**
     * Detects gzip by its magic bytes. A pushback stream rather than a buffered one: Jackson reads in large
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
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new StixParseException(
                    StixParseException.Reason.MALFORMED,
                    source,
                    "",
                    1,
                    1,
                    "the input is empty; expected a STIX bundle, a JSON array of objects or one object");
        }
        if (t == JsonToken.START_ARRAY) {
            shape = Shape.ARRAY;
            inArray = true;
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw notStix("expected a STIX bundle, a JSON array of objects or one object, found " + describe(t));
        }
        readHeaderUntilObjects();
    }

    /** Reads top-level members until the bundle's objects list starts, or to the end of a single object. */
    private void readHeaderUntilObjects() throws IOException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken t = parser.nextToken();
            if (name.equals("objects") && t == JsonToken.START_ARRAY && !(header.has("type") && !isBundleType())) {
                if (header.has("objects")) {
                    throw failure(new JsonTreeReader.DuplicateKeyException("objects", parser.getParsingContext()));
                }
                shape = Shape.BUNDLE;
                inArray = true;
                return;
            }
            if (header.has(name)) {
                throw failure(new JsonTreeReader.DuplicateKeyException(name, parser.getParsingContext()));
            }
            header.put(name, tree.readValue(parser, t));
        }
        if (shape == Shape.BUNDLE) {
            if (!isBundleType()) {
                throw notStix("a top-level object with an \"objects\" list must have \"type\": \"bundle\"");
            }
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

    private boolean isBundleType() {
        return "bundle".equals(header.get("type"));
    }

    private void expectEnd() throws IOException {
        JsonToken t = parser.nextToken();
        if (t != null) {
            throw new StixParseException(
                    StixParseException.Reason.MALFORMED,
                    source,
                    "",
                    line(parser.currentLocation()),
                    column(parser.currentLocation()),
                    "unexpected content after the end of the JSON value: " + describe(t));
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
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                inArray = false;
                finish();
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                if (t == null) {
                    throw new IOException("unexpected end of input: the objects list is not closed");
                }
                throw notStix("element " + nextIndex + " is " + describe(t) + ", not a STIX object");
            }
            pending = StixObject.of(tree.readObject(parser));
            return true;
        } catch (IOException e) {
            done = true;
            throw failure(e);
        }
    }

    private void finish() throws IOException {
        done = true;
        if (shape == Shape.BUNDLE) {
            readHeaderUntilObjects(); // trailing members, then the closing brace
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
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StixParseException notStix(String detail) {
        JsonLocation loc = parser.currentLocation();
        return new StixParseException(
                StixParseException.Reason.NOT_STIX,
                source,
                JsonTreeReader.path(parser.getParsingContext()),
                line(loc),
                column(loc),
                detail);
    }

    private StixParseException failure(IOException e) {
        if (e instanceof JsonTreeReader.DuplicateKeyException) {
            JsonTreeReader.DuplicateKeyException d = (JsonTreeReader.DuplicateKeyException) e;
            JsonLocation loc = parser.currentLocation();
            String path = JsonTreeReader.path(d.context());
            String obj = path.isEmpty() ? "the top-level object" : path;
            return new StixParseException(
                    StixParseException.Reason.DUPLICATE_KEY,
                    source,
                    path,
                    line(loc),
                    column(loc),
                    "key \"" + d.key() + "\" appears twice in " + obj
                            + "; JSON keys must be unique, remove one of them");
        }
        if (e instanceof StreamConstraintsException) {
            JsonLocation loc = parser.currentLocation();
            return new StixParseException(
                    StixParseException.Reason.LIMIT,
                    source,
                    JsonTreeReader.path(parser.getParsingContext()),
                    line(loc),
                    column(loc),
                    "parser limit exceeded: " + firstLine(e.getMessage()) + " (limits are set by ReadOptions)",
                    e);
        }
        if (e instanceof JsonProcessingException) {
            JsonProcessingException j = (JsonProcessingException) e;
            JsonLocation loc = j.getLocation() != null ? j.getLocation() : parser.currentLocation();
            return new StixParseException(
                    StixParseException.Reason.MALFORMED,
                    source,
                    JsonTreeReader.path(parser.getParsingContext()),
                    line(loc),
                    column(loc),
                    "not valid JSON: " + firstLine(j.getOriginalMessage()),
                    e);
        }
        if (e.getCause() instanceof StixParseException) {
            return (StixParseException) e.getCause();
        }
        JsonLocation loc = parser.currentLocation();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean truncated = e instanceof java.io.EOFException || msg.contains("end of input");
        return new StixParseException(
                StixParseException.Reason.MALFORMED,
                source,
                JsonTreeReader.path(parser.getParsingContext()),
                line(loc),
                column(loc),
                (truncated ? "truncated input: " : "cannot read: ") + msg,
                e);
    }

    private static StixParseException unreadable(String source, IOException e) {
        return new StixParseException(
                StixParseException.Reason.UNREADABLE, source, "", 0, 0, "cannot read: " + e.getMessage(), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }

    private static long line(JsonLocation loc) {
        return loc == null ? 0 : Math.max(0, loc.getLineNr());
    }

    private static long column(JsonLocation loc) {
        return loc == null ? 0 : Math.max(0, loc.getColumnNr());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
