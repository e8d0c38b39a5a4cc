package dev.threatkit.cti.internal.json;

import dev.threatkit.cti.stix.StixProperties;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A streaming UTF-8 JSON reader built for STIX: it turns bytes straight into the library's immutable values
 * ({@link StixProperties}, {@link JsonList}, String, Long, Double ...), one value at a time, from a buffer it
 * refills, so a bundle of any size reads in flat memory.
 *
 * <p>Why not Jackson's parser: STIX is mostly ASCII text (descriptions, ids, names). An ASCII string here
 * becomes a {@code String} in one copy from the byte buffer, where a general parser decodes into a char buffer
 * first; object keys come from a table of the keys already seen, without a new {@code String}. That is the
 * difference between validating a bundle faster than a general parser can merely build a tree of it, and not.
 * Strictness is the same: RFC 8259 grammar, UTF-8 validated, no control characters in strings, duplicate keys,
 * nesting, string and number length limited, every error with line, column and JSON path.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class JsonScanner {
    private static final int BUFFER = 1 << 16;
    // nextCharacter: the closing quote
    private static final int END = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long SPACES = 0x2020202020202020L;
    private static final int KEY_TABLE_MAX = 1 << 13;
    // the longest probe run in the key and shape tables; at half load, a run this long does not happen by chance
    private static final int KEY_PROBE_MAX = 32;
    private static final int SHAPES_MAX = 1 << 12;
    private static final int PAIRWISE_LIMIT = 16;
    private static final int PREDICTIONS = 64;
    private static final Object[] NO_ITEMS = new Object[0];

    /** Thrown for input that is not acceptable JSON; carries what and where. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        /** What kind of problem. */
        public enum Kind {
            MALFORMED,
            DUPLICATE_KEY,
            LIMIT
        }

        private final Kind kind;
        private final String path;
        private final long line;
        private final long column;

        Failure(Kind kind, String message, String path, long line, long column) {
            super(message);
            this.kind = kind;
            this.path = path;
            this.line = line;
            this.column = column;
        }

        public Kind kind() {
            return kind;
        }

        public String path() {
            return path;
        }

        public long line() {
            return line;
        }

        public long column() {
            return column;
        }
    }

    private final InputStream in;
    private final int maxStringLength;
    private final int maxDepth;
    private final int maxNumberLength;

    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long consumed; // bytes dropped from the front of buf so far
    private long line = 1;
    private long lineStart; // absolute offset of the current line's first byte

    // path of the value being read, for error messages: keys (objects) or indexes (arrays) per depth
    private String[] pathKeys = new String[16];
    private int[] pathIndexes = new int[16];
    private int pathDepth;

    // per-depth scratch buffers for object members and array items
    private String[][] keyBuffers = new String[16][];
    private Object[][] valueBuffers = new Object[16][];

    // keys seen so far, by their bytes: most keys of a STIX file repeat, and need no new String
    private byte[][] tableBytes;
    private String[] tableStrings;
    private int[] tableHashes;
    private long[] tableFirst; // a key's first eight bytes (fewer for a shorter key), little-endian
    private long[] tableLast; // its last eight bytes when it is longer than eight, else 0
    private long[] tableMiddle; // its bytes 8 to 15 when it is longer than sixteen, else 0
    private int[] tableLengths;
    private int tableSize;

    // the key arrays of the object shapes seen so far, shared between objects (see shape())
    private KeyShape[] shapes;
    private int[] shapeHashes;
    private int shapeCount;
    // the shapes of the last objects read in each context (see context()), latest first: the first is expected
    // for the next object there, the others when it turns out different
    private final KeyShape[][] predictions = new KeyShape[PREDICTIONS][4];

    private byte[] escaped = new byte[1024]; // a string being decoded, while its characters are Latin-1
    private char[] wide = new char[256]; // a string being decoded, once a character is beyond Latin-1

    public JsonScanner(InputStream in, int maxStringLength, int maxDepth, int maxNumberLength) {
        this.in = in;
        this.maxStringLength = maxStringLength;
        this.maxDepth = maxDepth;
        this.maxNumberLength = maxNumberLength;
        this.buf = new byte[BUFFER];
        keyTable(1024);
        shapeTable(256);
    }

    /**
     * Scans {@code length} bytes of {@code data} from {@code offset} in place, without copying them and
     * without the stream buffer: for many small documents (journal records), where a 64 KiB buffer each
     * would cost more than the parse. The array must not change while the scanner reads it.
     */
    public JsonScanner(byte[] data, int offset, int length, int maxStringLength, int maxDepth, int maxNumberLength) {
        this.in = InputStream.nullInputStream();
        this.maxStringLength = maxStringLength;
        this.maxDepth = maxDepth;
        this.maxNumberLength = maxNumberLength;
        this.buf = data;
        this.pos = offset;
        this.limit = offset + length;
        this.eof = true;
        this.consumed = -offset; // offsets in messages count from the document's first byte
        keyTable(64);
        shapeTable(8);
    }

    private void shapeTable(int size) {
        shapes = new KeyShape[size];
        shapeHashes = new int[size];
    }

    private void keyTable(int size) {
        tableBytes = new byte[size][];
        tableStrings = new String[size];
        tableHashes = new int[size];
        tableFirst = new long[size];
        tableLast = new long[size];
        tableMiddle = new long[size];
        tableLengths = new int[size];
    }

    // ---- buffer ----------------------------------------------------------------------------------------------

    /** Makes at least {@code n} bytes available unless the input ends first; returns the bytes available. */
    private int ensure(int n) throws IOException {
        int available = limit - pos;
        if (available >= n || eof) {
            return available;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, available);
            consumed += pos;
            limit = available;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (limit < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos;
    }

    /** Skips whitespace and returns the next byte without consuming it, or -1 at the end of input. */
    public int peek() throws IOException {
        // most calls find the byte at once: every byte a JSON value, key or separator starts with is above ' '
        if (pos < limit) {
            int b = buf[pos] & 0xff;
            if (b > ' ') {
                return b;
            }
        }
        return skipWhitespace();
    }

    private int skipWhitespace() throws IOException {
        while (true) {
            if (pos >= limit && ensure(1) == 0) {
                return -1;
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                line++;
                lineStart = consumed + pos;
                // pretty-printed files indent each line: the byte after the indent, found at once, is the usual end
                skipSpaces();
                if (pos < limit && (buf[pos] & 0xff) > ' ') {
                    return buf[pos] & 0xff;
                }
            } else if (b == ' ') {
                skipSpaces();
            } else if (b == '\t' || b == '\r') {
                pos++;
            } else {
                return b & 0xff;
            }
        }
    }

    /** Skips a run of spaces, eight bytes at a time, within the buffer. */
    private void skipSpaces() {
        while (pos + 8 <= limit) {
            long w = (long) LONGS.get(buf, pos) ^ SPACES;
            if (w != 0) {
                pos += Long.numberOfTrailingZeros(w) >>> 3; // the spaces before the first other byte
                return;
            }
            pos += 8;
        }
        while (pos < limit && buf[pos] == ' ') {
            pos++;
        }
    }

    /** Skips a UTF-8 byte order mark at the very start, as many producers write one. */
    public void skipBom() throws IOException {
        if (ensure(3) >= 3
                && (buf[pos] & 0xff) == 0xef
                && (buf[pos + 1] & 0xff) == 0xbb
                && (buf[pos + 2] & 0xff) == 0xbf) {
            pos += 3;
            lineStart = consumed + pos;
        }
    }

    /** Consumes the byte {@link #peek()} returned. */
    public void advance() {
        pos++;
    }

    /** Consumes {@code c} (after whitespace) or fails with "expected ...". */
    public void expect(char c, String what) throws IOException {
        int b = peek();
        if (b != c) {
            throw malformed("expected " + what + " but found " + describe(b));
        }
        pos++;
    }

    // ---- path ------------------------------------------------------------------------------------------------

    /** Enters an object member (for error paths); {@link #leave()} undoes it. */
    public void enterKey(String key) {
        grow();
        pathKeys[pathDepth] = key;
        pathIndexes[pathDepth] = -1;
        pathDepth++;
    }

    /** Enters an array item (for error paths). */
    public void enterIndex(int index) {
        grow();
        pathKeys[pathDepth] = null;
        pathIndexes[pathDepth] = index;
        pathDepth++;
    }

    public void leave() {
        pathDepth--;
    }

    private void grow() {
        if (pathDepth == pathKeys.length) {
            pathKeys = Arrays.copyOf(pathKeys, pathDepth * 2);
            pathIndexes = Arrays.copyOf(pathIndexes, pathDepth * 2);
        }
    }

    /** The current JSON path: {@code objects[12].kill_chain_phases[0]}. */
    public String path() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pathDepth; i++) {
            if (pathKeys[i] == null) {
                sb.append('[').append(pathIndexes[i]).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(pathKeys[i]);
            }
        }
        return sb.toString();
    }

    // ---- values ----------------------------------------------------------------------------------------------

    /** Reads a member key and its colon; the opening quote is the next non-whitespace byte. */
    public String readKey() throws IOException {
        if (peek() != '"') {
            throw malformed("expected a key in double quotes but found " + describe(peek()));
        }
        pos++;
        String key = readKeyBody();
        colon();
        return key;
    }

    /** Reads one value whose first byte is next (after whitespace). {@code depth} counts enclosing containers. */
    public Object readValue(int depth) throws IOException {
        int b = peek();
        switch (b) {
            case '"':
                pos++;
                return readStringBody();
            case '{':
                pos++;
                return readObjectBody(depth + 1);
            case '[':
                pos++;
                return readArrayBody(depth + 1);
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return readNumber();
                }
                throw malformed("expected a JSON value but found " + describe(b));
        }
    }

    /** Reads the members of an object whose '{' was consumed. */
    public StixProperties readObjectBody(int depth) throws IOException {
        checkDepth(depth);
        if (peek() == '}') {
            pos++;
            return StixProperties.empty();
        }
        ensureBuffers(depth);
        String[] keys = keyBuffers[depth];
        Object[] values = valueBuffers[depth];
        // objects in the same place (the same key above them, the same depth) mostly share a shape: the keys of
        // the latest one there are expected, or of an earlier one once a key differs, and each key that comes as
        // expected is recognised by comparing words, without a lookup
        KeyShape[] recent = context(depth);
        KeyShape expected = recent[0];
        int n = 0;
        while (true) {
            String key;
            if (expected != null && n < expected.size() && peek() == '"' && expected.matches(n, buf, pos + 1, limit)) {
                key = expected.keys[n];
                pos += key.length() + 2;
                colon();
            } else {
                key = readKey();
                expected = expected == null ? null : another(recent, keys, n, key);
            }
            enterKey(key);
            Object value = readValue(depth);
            leave();
            if (n == keys.length) {
                keys = keyBuffers[depth] = Arrays.copyOf(keys, n * 2);
                values = valueBuffers[depth] = Arrays.copyOf(values, n * 2);
            }
            keys[n] = key;
            values[n] = value;
            n++;
            if (closes('}', "an object")) {
                break;
            }
        }
        // every key as expected and no more: the expected shape itself, checked for duplicates when first seen
        KeyShape shape = expected != null && n == expected.size() ? expected : shape(keys, n);
        if (recent[0] != shape) {
            remember(recent, shape);
        }
        return StixProperties.wrapTrusted(shape.keys, take(values, n));
    }

    /**
     * A recent shape that begins with the {@code n} keys read so far followed by {@code key}, to expect from here
     * on, or null. Keys come from the key table, so the same key is the same instance.
     */
    private static KeyShape another(KeyShape[] recent, String[] keys, int n, String key) {
        for (KeyShape s : recent) {
            if (s == null) {
                return null;
            }
            if (n < s.size() && s.keys[n] == key && samePrefix(s.keys, keys, n)) {
                return s;
            }
        }
        return null;
    }

    private static boolean samePrefix(String[] a, String[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Puts {@code shape} first among the recent shapes of its context, dropping the oldest if it is new. */
    private static void remember(KeyShape[] recent, KeyShape shape) {
        int i = 0;
        while (i < recent.length - 1 && recent[i] != shape) {
            i++;
        }
        System.arraycopy(recent, 0, recent, 1, i);
        recent[0] = shape;
    }

    /** The prediction slot of an object at {@code depth}: by the key that holds it, or holds its array. */
    private KeyShape[] context(int depth) {
        int d = pathDepth - 1;
        String holder = d < 0 ? null : pathKeys[d] != null ? pathKeys[d] : d > 0 ? pathKeys[d - 1] : null;
        int h = (holder == null ? 0 : holder.hashCode()) * 31 + depth;
        return predictions[(h ^ (h >>> 7)) & (PREDICTIONS - 1)];
    }

    /** The colon after a key, and a space after it: "key":value, "key": value and "key" : value without a scan. */
    private void colon() throws IOException {
        if (pos < limit && buf[pos] == ':') {
            pos++;
            if (pos < limit && buf[pos] == ' ') {
                pos++; // the space of "key": value, so that the value's peek finds its first byte at once
            }
        } else if (pos + 1 < limit && buf[pos] == ' ' && buf[pos + 1] == ':') {
            pos += 2;
        } else {
            expect(':', "':' after a key");
        }
    }

    /**
     * The keys of an object as a shape shared by every object with the same keys in the same order: a STIX file
     * has a few hundred such shapes (one or a few per type) for thousands of objects. A shape is checked for
     * duplicate keys once, when it is first seen; the objects of one shape share one key array.
     */
    private KeyShape shape(String[] keys, int n) throws Failure {
        int h = n;
        for (int i = 0; i < n; i++) {
            h = h * 31 + keys[i].hashCode(); // cached: keys come from the key table
        }
        h ^= h >>> 16;
        KeyShape[] table = shapes;
        int mask = table.length - 1;
        int slot = h & mask;
        KeyShape found;
        int run = 0;
        while ((found = table[slot]) != null && run <= KEY_PROBE_MAX) {
            if (shapeHashes[slot] == h && sameKeys(found.keys, keys, n)) {
                return found;
            }
            slot = (slot + 1) & mask;
            run++;
        }
        checkDuplicates(keys, n);
        KeyShape shape = new KeyShape(Arrays.copyOf(keys, n));
        // a run this long means shapes made to share a hash: such a shape is checked on its own every time
        if (shapeCount < SHAPES_MAX && found == null) {
            table[slot] = shape;
            shapeHashes[slot] = h;
            if (++shapeCount * 2 > table.length) {
                growShapes();
            }
        }
        return shape;
    }

    private static boolean sameKeys(String[] shape, String[] keys, int n) {
        if (shape.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (shape[i] != keys[i] && !shape[i].equals(keys[i])) {
                return false;
            }
        }
        return true;
    }

    private void growShapes() {
        KeyShape[] old = shapes;
        int[] oldHashes = shapeHashes;
        shapeTable(old.length * 2);
        int mask = shapes.length - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                int slot = oldHashes[i] & mask;
                while (shapes[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                shapes[slot] = old[i];
                shapeHashes[slot] = oldHashes[i];
            }
        }
    }

    private Object readArrayBody(int depth) throws IOException {
        checkDepth(depth);
        if (peek() == ']') {
            pos++;
            return JsonList.wrap(NO_ITEMS);
        }
        ensureBuffers(depth);
        Object[] values = valueBuffers[depth];
        int n = 0;
        while (true) {
            enterIndex(n);
            Object value = readValue(depth);
            leave();
            if (n == values.length) {
                values = valueBuffers[depth] = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
            if (closes(']', "an array")) {
                break;
            }
        }
        return JsonList.wrap(take(values, n));
    }

    /** The end of the run of digits at {@code i}, which must not be empty (it follows {@code what}). */
    private int digitsAfter(int i, String what) throws Failure {
        int d = i;
        while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
            i++;
        }
        if (i == d) {
            pos = i;
            throw malformed("invalid number: digits must follow " + what);
        }
        return i;
    }

    /** After a member or an element: consumes ',' (false: more follow) or the closing bracket (true). */
    private boolean closes(char close, String container) throws IOException {
        int b = peek();
        if (b == ',') {
            pos++;
            return false;
        }
        if (b == close) {
            pos++;
            return true;
        }
        throw malformed("expected ',' or '" + close + "' in " + container + " but found " + describe(b));
    }

    /**
     * The first n scratch values as their own array. The scratch slots are not cleared: the next object or array
     * at this depth overwrites them, so they keep at most one value per slot alive a little longer, where clearing
     * cost a pass over every object's values.
     */
    private static Object[] take(Object[] scratch, int n) {
        return Arrays.copyOf(scratch, n);
    }

    /** The scratch buffers of {@code depth}, shared by the objects and arrays read at that depth. */
    private void ensureBuffers(int depth) {
        if (depth >= keyBuffers.length) {
            keyBuffers = Arrays.copyOf(keyBuffers, depth * 2);
            valueBuffers = Arrays.copyOf(valueBuffers, depth * 2);
        }
        if (keyBuffers[depth] == null) {
            keyBuffers[depth] = new String[32];
            valueBuffers[depth] = new Object[32];
        }
    }

    private void checkDepth(int depth) throws Failure {
        if (depth > maxDepth) {
            throw failure(Failure.Kind.LIMIT, "nesting depth exceeds the limit of " + maxDepth);
        }
    }

    private void checkDuplicates(String[] keys, int n) throws Failure {
        if (n <= PAIRWISE_LIMIT) {
            // only the first object of each shape comes here (see shape()), so a plain pairwise check is enough
            for (int i = 1; i < n; i++) {
                String k = keys[i];
                for (int j = 0; j < i; j++) {
                    // keys come from the key table, so equal keys are usually the same instance
                    if (keys[j] == k || (keys[j].hashCode() == k.hashCode() && keys[j].equals(k))) {
                        throw duplicate(k);
                    }
                }
            }
            return;
        }
        Set<String> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (!seen.add(keys[i])) {
                throw duplicate(keys[i]);
            }
        }
    }

    private Failure duplicate(String key) {
        String where = path();
        return new Failure(
                Failure.Kind.DUPLICATE_KEY,
                "key \"" + key + "\" appears twice in " + (where.isEmpty() ? "the top-level object" : where)
                        + "; JSON keys must be unique, remove one of them",
                where,
                line,
                column());
    }

    private void literal(String word) throws IOException {
        int n = word.length();
        if (ensure(n) < n) {
            throw malformed("truncated input: expected " + word);
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw malformed("invalid literal: expected " + word);
            }
        }
        pos += n;
    }

    // ---- strings ---------------------------------------------------------------------------------------------

    private String readKeyBody() throws IOException {
        // fast path: an ASCII key without escapes, all in the buffer, found in the key table
        int i = plainRunEnd(pos, limit);
        if (i < limit && buf[i] == '"') {
            String key = lookupKey(pos, i - pos);
            pos = i + 1;
            return key;
        }
        return internSlow(readStringBody());
    }

    /**
     * The first byte from {@code i} on that is a quote, a backslash, a control character or not ASCII, or
     * {@code end} when there is none before it: eight bytes per step, then byte by byte near the end.
     */
    private int plainRunEnd(int i, int end) {
        while (i + 8 <= end) {
            long w = (long) LONGS.get(buf, i);
            long m = specialMask(w) | (w & HIGHS);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i < end && buf[i] >= 0x20 && buf[i] != '"' && buf[i] != '\\') { // negative bytes are not ASCII
            i++;
        }
        return i;
    }

    /** The low {@code n} bytes of a little-endian word (n < 8), or all of it. */
    private static long lowBytes(int n) {
        return n >= 8 ? -1L : (1L << (n << 3)) - 1;
    }

    /**
     * The key of {@code length} ASCII bytes at {@code from}, from the table of keys seen. A key is known by its
     * length and its first, second and last eight bytes, which for the keys of 24 bytes or fewer (nearly all STIX
     * keys) are the whole key: the probe compares three words held in flat arrays, and touches no key bytes.
     */
    private String lookupKey(int from, int length) {
        if (from + 8 > buf.length || length == 0) { // too near the array's end to read a word: compare bytes
            return lookupKeyBytes(from, length);
        }
        long first = (long) LONGS.get(buf, from) & lowBytes(length);
        long middle = length > 16 ? (long) LONGS.get(buf, from + 8) : 0L;
        long last = length > 8 ? (long) LONGS.get(buf, from + length - 8) : 0L;
        long x = first * 0x9E3779B97F4A7C15L + last * 0xC2B2AE3D27D4EB4FL + middle + length;
        int hash = (int) (x ^ (x >>> 29) ^ (x >>> 47));
        int mask = tableHashes.length - 1;
        int slot = hash & mask;
        int run = 0;
        while (true) {
            String k = tableStrings[slot];
            if (k == null) {
                break;
            }
            if (++run > KEY_PROBE_MAX) {
                // keys made to share a hash (the hash is no secret): past this run they are neither looked up nor
                // entered, so each costs a bounded scan instead of one growing with the number of such keys
                return new String(buf, from, length, StandardCharsets.ISO_8859_1);
            }
            if (tableHashes[slot] == hash
                    && tableFirst[slot] == first
                    && tableLast[slot] == last
                    && tableMiddle[slot] == middle
                    && tableLengths[slot] == length
                    && (length <= 24 || sameInside(tableBytes[slot], from, length))) {
                return k;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(buf, from, length, StandardCharsets.ISO_8859_1).intern();
        if (tableSize < KEY_TABLE_MAX) {
            tableBytes[slot] = Arrays.copyOfRange(buf, from, from + length);
            tableStrings[slot] = s;
            tableHashes[slot] = hash;
            tableFirst[slot] = first;
            tableLast[slot] = last;
            tableMiddle[slot] = middle;
            tableLengths[slot] = length;
            if (++tableSize * 2 > tableHashes.length) {
                rehash();
            }
        }
        return s;
    }

    /** Whether the key at {@code from} matches {@code known} in bytes 16 to length-8 (the rest is compared). */
    private boolean sameInside(byte[] known, int from, int length) {
        for (int i = 16; i < length - 8; i += 8) {
            if ((long) LONGS.get(known, i) != (long) LONGS.get(buf, from + i)) {
                return false;
            }
        }
        return true;
    }

    /** A key without the word reads of {@link #lookupKey}: an interned string, not entered in the table. */
    private String lookupKeyBytes(int from, int length) {
        return new String(buf, from, length, StandardCharsets.ISO_8859_1).intern();
    }

    private String internSlow(String key) {
        return key.length() <= 64 && tableSize < KEY_TABLE_MAX ? key.intern() : key;
    }

    private void rehash() {
        byte[][] oldBytes = tableBytes;
        String[] oldStrings = tableStrings;
        int[] oldHashes = tableHashes;
        long[] oldFirst = tableFirst;
        long[] oldLast = tableLast;
        long[] oldMiddle = tableMiddle;
        int[] oldLengths = tableLengths;
        keyTable(oldHashes.length * 2);
        int mask = tableHashes.length - 1;
        for (int i = 0; i < oldStrings.length; i++) {
            if (oldStrings[i] != null) {
                int slot = oldHashes[i] & mask;
                while (tableStrings[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                tableBytes[slot] = oldBytes[i];
                tableStrings[slot] = oldStrings[i];
                tableHashes[slot] = oldHashes[i];
                tableFirst[slot] = oldFirst[i];
                tableLast[slot] = oldLast[i];
                tableMiddle[slot] = oldMiddle[i];
                tableLengths[slot] = oldLengths[i];
            }
        }
    }

    /**
     * The high bit of each byte of {@code w} that is a quote, a backslash or a control character; above the lowest
     * such byte there can be false marks (a borrow carries into the next byte), so only the lowest mark is exact,
     * and it is the one that counts: the first byte where a plain run of string characters ends.
     */
    private static long specialMask(long w) {
        long q = w ^ QUOTES;
        long b = w ^ BACKSLASHES;
        return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - SPACES) & ~w)) & HIGHS;
    }

    /** Reads a string whose opening quote was consumed. */
    private String readStringBody() throws IOException {
        int i = pos;
        int end = limit;
        long high = 0;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(buf, i);
            long m = specialMask(w);
            if (m != 0) {
                int k = Long.numberOfTrailingZeros(m) >>> 3; // the first quote, backslash or control character
                high |= w & lowBytes(k);
                i += k;
                if (buf[i] == '"') {
                    return string(i, high);
                }
                return (high & HIGHS) == 0 && buf[i] == '\\' ? readEscapedAscii(i) : readStringSlow();
            }
            high |= w;
            i += 8;
        }
        int tail = 0;
        while (i < end) {
            byte b = buf[i];
            if (b == '"') {
                return string(i, tail < 0 ? HIGHS : high);
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) { // escapes and control characters take the slow path
                break;
            }
            tail |= b; // negative once a non-ASCII byte is seen
            i++;
        }
        return readStringSlow();
    }

    /**
     * The string from {@code pos} to the closing quote at {@code close}; {@code high} has a high bit set when a
     * byte of it is not ASCII.
     */
    private String string(int close, long high) throws Failure {
        int length = close - pos;
        String s;
        if ((high & HIGHS) == 0) {
            checkLength(length);
            s = new String(buf, pos, length, StandardCharsets.ISO_8859_1);
        } else {
            validateUtf8(pos, close);
            s = new String(buf, pos, length, StandardCharsets.UTF_8);
            checkLength(s.length()); // characters, not bytes; the string is within the buffer, so bounded
        }
        pos = close + 1;
        return s;
    }

    /**
     * Reads an ASCII string with simple escapes ({@code \\n}, {@code \\"} ...; ATT&amp;CK's descriptions are full
     * of them) whose first escape is at {@code escape}, by copying its runs into a byte buffer. Anything else (a
     * {@code \\u} escape, a byte that is not ASCII, a control character, the end of the buffer) goes to
     * {@link #readStringSlow()}, which starts again from the opening quote and reports what is wrong.
     */
    private String readEscapedAscii(int escape) throws IOException {
        byte[] out = escaped;
        int n = 0;
        int run = pos;
        int i = escape;
        int end = limit;
        while (true) {
            // buf[i] is the first byte after the run [run, i) that is a quote, a backslash or anything else
            int length = i - run;
            if (n + length + 1 > out.length) {
                if (n + length + 1 > maxStringLength) {
                    return readStringSlow();
                }
                out = escaped = Arrays.copyOf(out, Math.max(out.length * 2, n + length + 1));
            }
            System.arraycopy(buf, run, out, n, length);
            n += length;
            byte b = buf[i];
            if (b == '"') {
                if (n > maxStringLength) {
                    return readStringSlow();
                }
                pos = i + 1;
                String s = new String(out, 0, n, StandardCharsets.ISO_8859_1);
                if (out.length > 1 << 16) {
                    escaped = new byte[1024]; // a rare huge string does not keep its buffer
                }
                return s;
            }
            if (b != '\\' || i + 1 >= end) {
                return readStringSlow();
            }
            byte decoded = simpleEscape(buf[i + 1]);
            if (decoded == 0) {
                return readStringSlow();
            }
            out[n++] = decoded;
            run = i + 2;
            i = plainRunEnd(run, end);
            if (i >= end) {
                return readStringSlow();
            }
        }
    }

    /** The byte an escape {@code \\e} stands for, or 0 for {@code \\u} and anything invalid. */
    private static byte simpleEscape(byte e) {
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return 0;
        }
    }

    /** Checks that {@code [from, to)} is well-formed UTF-8 (the JDK decoder would silently replace errors). */
    private void validateUtf8(int from, int to) throws Failure {
        int i = from;
        while (i < to) {
            if (buf[i] >= 0) {
                i++;
            } else {
                decodeUtf8(i, to);
                i += decodedLength;
            }
        }
    }

    private int decodedLength;

    /**
     * Decodes the multi-byte UTF-8 sequence at {@code i} (lead byte non-ASCII, sequence within {@code end}) and
     * returns its code point, setting {@link #decodedLength}; rejects overlong forms, surrogates and values
     * beyond U+10FFFF.
     */
    private int decodeUtf8(int i, int end) throws Failure {
        int lead = buf[i] & 0xff;
        int extra;
        int cp;
        if (lead >= 0xc2 && lead <= 0xdf) {
            extra = 1;
            cp = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            extra = 2;
            cp = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            extra = 3;
            cp = lead & 0x07;
        } else {
            pos = i;
            throw malformed("invalid UTF-8 start byte 0x" + Integer.toHexString(lead) + "; the input must be UTF-8");
        }
        if (i + extra >= end) {
            pos = i;
            throw malformed("truncated UTF-8 sequence");
        }
        for (int k = 1; k <= extra; k++) {
            int c = buf[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                pos = i;
                throw malformed(
                        "invalid UTF-8 continuation byte 0x" + Integer.toHexString(c) + "; the input must be UTF-8");
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
                || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
            pos = i;
            throw malformed("invalid UTF-8 sequence (overlong, surrogate or out of range); the input must be UTF-8");
        }
        decodedLength = extra + 1;
        return cp;
    }

    /**
     * Reads a string whose opening quote was consumed, from {@code pos}, when the fast paths cannot: it has
     * escapes together with bytes that are not ASCII, a {@code \\u} escape, an error, or it crosses the end of the
     * buffer. Characters up to U+00FF gather as Latin-1 bytes in {@link #escaped}; the first one beyond moves the
     * string to UTF-16 in {@link #wide}. A {@code StringBuilder} would stay UTF-16 for every later string once one
     * had needed it. The limit counts UTF-16 characters, as {@link dev.threatkit.cti.stix.ReadOptions} says.
     */
    private String readStringSlow() throws IOException {
        byte[] out = escaped;
        int n = 0;
        while (true) {
            int run = plainRun();
            if (run > 0) {
                checkLength(n + run);
                out = latin1Room(out, n, run);
                System.arraycopy(buf, pos, out, n, run);
                n += run;
                pos += run;
                continue;
            }
            int c = nextCharacter();
            if (c == END) {
                return latin1(out, n);
            }
            checkLength(n + Character.charCount(c));
            if (c > 0xff) {
                return readStringWide(out, n, c);
            }
            out = latin1Room(out, n, 1);
            out[n++] = (byte) c;
        }
    }

    /**
     * The length of the run of plain string bytes at {@code pos}, refilling the buffer first when it is used up;
     * 0 when a quote, an escape, a control character or a byte beyond ASCII comes first.
     */
    private int plainRun() throws IOException {
        if (pos >= limit && ensure(1) == 0) {
            throw malformed("truncated input: a string is not closed");
        }
        return plainRunEnd(pos, limit) - pos;
    }

    /** Goes on with a string in UTF-16 from its first {@code n} Latin-1 characters and the character {@code c}. */
    private String readStringWide(byte[] latin1, int n, int c) throws IOException {
        char[] out = wideRoom(wide, 0, n + 2);
        for (int k = 0; k < n; k++) {
            out[k] = (char) (latin1[k] & 0xff);
        }
        int m = n + Character.toChars(c, out, n);
        while (true) {
            int run = plainRun();
            if (run > 0) {
                checkLength(m + run);
                out = wideRoom(out, m, run);
                for (int k = 0; k < run; k++) {
                    out[m + k] = (char) buf[pos + k]; // ASCII
                }
                m += run;
                pos += run;
                continue;
            }
            c = nextCharacter();
            if (c == END) {
                String s = new String(out, 0, m);
                if (out.length > 1 << 16 || latin1.length > 1 << 16) { // a rare huge string keeps no buffer
                    wide = new char[256];
                    escaped = new byte[1024];
                }
                return s;
            }
            checkLength(m + Character.charCount(c));
            out = wideRoom(out, m, 2);
            m += Character.toChars(c, out, m);
        }
    }

    /**
     * Consumes what a string holds at {@code pos} after a plain run: the closing quote ({@link #END}), an escape
     * (its UTF-16 unit; a {@code \\u} escape may be half a surrogate pair, kept as it is) or a multi-byte UTF-8
     * sequence (its code point); a control character fails.
     */
    private int nextCharacter() throws IOException {
        byte b = buf[pos];
        if (b == '"') {
            pos++;
            return END;
        }
        if (b == '\\') {
            pos++;
            return escapeUnit();
        }
        if (b >= 0 && b < 0x20) {
            throw malformed("control character U+00" + hex2(b) + " in a string; escape it (\\n, \\t, \\u00XX)");
        }
        ensure(4);
        int cp = decodeUtf8(pos, limit);
        pos += decodedLength;
        return cp;
    }

    /** {@code out}, or a larger copy (kept as {@link #escaped}) when {@code more} bytes after {@code n} do not fit. */
    private byte[] latin1Room(byte[] out, int n, int more) {
        if (n + more <= out.length) {
            return out;
        }
        return escaped = Arrays.copyOf(out, Math.max(out.length * 2, n + more));
    }

    /** {@code out}, or a larger copy (kept as {@link #wide}) when {@code more} chars after {@code n} do not fit. */
    private char[] wideRoom(char[] out, int n, int more) {
        if (n + more <= out.length) {
            return out;
        }
        return wide = Arrays.copyOf(out, Math.max(out.length * 2, n + more));
    }

    /** The string of the Latin-1 characters {@code out[0, n)}. */
    private String latin1(byte[] out, int n) {
        String s = new String(out, 0, n, StandardCharsets.ISO_8859_1);
        if (out.length > 1 << 16) {
            escaped = new byte[1024]; // a rare huge string does not keep its buffer
        }
        return s;
    }

    private void checkLength(int chars) throws Failure {
        if (chars > maxStringLength) {
            throw failure(Failure.Kind.LIMIT, "string value length exceeds the limit of " + maxStringLength);
        }
    }

    /** Decodes the escape after a consumed backslash into the UTF-16 unit it stands for. */
    private int escapeUnit() throws IOException {
        if (ensure(1) == 0) {
            throw malformed("truncated input inside an escape sequence");
        }
        byte e = buf[pos++];
        byte simple = simpleEscape(e);
        if (simple != 0) {
            return simple;
        }
        if (e != 'u') {
            throw malformed("invalid escape \\" + (char) e + " in a string");
        }
        if (ensure(4) < 4) {
            throw malformed("truncated input inside a \\u escape");
        }
        int unit = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(buf[pos + k], 16);
            if (d < 0) {
                throw malformed("invalid \\u escape: four hex digits expected");
            }
            unit = unit << 4 | d;
        }
        pos += 4;
        return unit;
    }

    // ---- numbers ---------------------------------------------------------------------------------------------

    private Object readNumber() throws IOException {
        ensure(Math.min(maxNumberLength + 2, 1 << 12));
        int start = pos;
        int i = pos;
        boolean negative = false;
        if (buf[i] == '-') {
            negative = true;
            i++;
        }
        int intStart = i;
        long value = 0;
        while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
            value = value * 10 + (buf[i] - '0');
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0) {
            pos = i;
            throw malformed("invalid number: a digit must follow '-'");
        }
        if (intDigits > 1 && buf[intStart] == '0') {
            pos = intStart;
            throw malformed("invalid number: leading zeros are not allowed");
        }
        boolean fraction = false;
        if (i < limit && buf[i] == '.') {
            fraction = true;
            i++;
            i = digitsAfter(i, "the decimal point");
        }
        if (i < limit && (buf[i] == 'e' || buf[i] == 'E')) {
            fraction = true;
            i++;
            if (i < limit && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            i = digitsAfter(i, "the exponent");
        }
        int length = i - start;
        if (length > maxNumberLength || (i == limit && !eof)) {
            pos = start;
            throw failure(Failure.Kind.LIMIT, "number length exceeds the limit of " + maxNumberLength);
        }
        pos = i;
        if (!fraction) {
            if (intDigits <= 18) {
                return negative ? -value : value;
            }
            BigInteger big = new BigInteger(new String(buf, start, length, StandardCharsets.ISO_8859_1));
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        String text = new String(buf, start, length, StandardCharsets.ISO_8859_1);
        double d = Double.parseDouble(text);
        // beyond double range (1e999): keep the exact decimal rather than an infinity JSON cannot hold
        return Double.isInfinite(d) ? new BigDecimal(text) : (Object) d;
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    private long column() {
        return consumed + pos - lineStart + 1;
    }

    public Failure malformed(String message) {
        return failure(Failure.Kind.MALFORMED, message);
    }

    private Failure failure(Failure.Kind kind, String message) {
        return new Failure(kind, message, path(), line, column());
    }

    public long line() {
        return line;
    }

    public long currentColumn() {
        return column();
    }

    private static String describe(int b) {
        if (b < 0) {
            return "the end of the input (truncated?)";
        }
        if (b >= 0x21 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return "byte 0x" + Integer.toHexString(b);
    }

    private static String hex2(int b) {
        String h = Integer.toHexString(b).toUpperCase(java.util.Locale.ROOT);
        return h.length() == 1 ? "0" + h : h;
    }

    /** Closes the underlying stream. */
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
