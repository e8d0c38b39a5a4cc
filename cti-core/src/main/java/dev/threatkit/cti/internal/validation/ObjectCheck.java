package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.schema.Vocabulary;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import dev.threatkit.cti.validation.Severity;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationOptions;
import dev.threatkit.cti.validation.Violation;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** One validation pass over one object. Short-lived; not thread-safe. */
public final class ObjectCheck {
    private static final Set<String> RESERVED = Set.of("severity", "username", "phone_numbers", "action");

    private static final PropertySpec ANY_REF = PropertySpec.of(PropertyKind.IDENTIFIER);
    // checkIdentifier: the file's book was not asked about a target
    private static final int NOT_LOOKED_UP = -2;
    // allowedKind: the wildcard "*"; the category wildcards take the bit of their Category ordinal
    private static final int WILD_ANY = 1 << 30;

    final StixRegistry registry;
    final ValidationOptions options;
    private final Consumer<Violation> sink;
    private final StixValidator.ReferenceSink references;
    // FileValidator's book of a whole file, which also knows which targets are well-formed ids; else null
    private final FileReferences book;
    private final StructureChecks structure = new StructureChecks(this);
    private final Where root = Where.root("");

    // the object of the current pass
    StixObject object;
    StixProperties props;
    // what the keys of props say, when its type is registered; else null
    private Shape shape;
    String type;
    TypeDef def;
    Category category;
    String id;
    private Object idValue;
    // fraction digits of created and modified as their property checks found them (-1: absent or invalid)
    private int createdDigits;
    private int modifiedDigits;
    // their values, as the property checks found them
    private Object createdValue;
    private Object modifiedValue;
    // the type name of the last object and its definition in the (immutable) registry, or null
    private String lastType;
    private TypeDef lastDef;
    // whether that type name has the STIX form (a type registered from code need not)
    private boolean lastTypeNamed;
    // the last two references found well-formed and allowed, and the target lists they were checked against
    private String checkedRef;
    private List<String> checkedTargets;
    private String otherRef;
    private List<String> otherTargets;
    // the last target list seen by allowedKind and its wildcards (WILD_* bits)
    private List<String> wildTargets;
    private int wildcards;

    /** A checker that can validate many objects, one after the other, reporting to {@code sink}. */
    public ObjectCheck(
            StixRegistry registry,
            ValidationOptions options,
            Consumer<Violation> sink,
            StixValidator.ReferenceSink references) {
        this.registry = registry;
        this.options = options;
        this.sink = sink;
        this.references = references;
        this.book = references instanceof FileReferences ? (FileReferences) references : null;
    }

    // ---- reporting -----------------------------------------------------------------------------------------

    /** Path of a top-level property. */
    Where at(String property) {
        return root.child(property);
    }

    Where objectPath() {
        return root;
    }

    /**
     * A MUST violation. Inside custom ({@code x_}) properties it is a warning: STIX does not define that content,
     * and what the registry knows of ATT&amp;CK's or OpenCTI's properties is advice, not law.
     */
    void error(Where path, String message) {
        sink.accept(
                new Violation(path.throughCustom() ? Severity.WARNING : Severity.ERROR, id, path.toString(), message));
    }

    void warning(Where path, String message) {
        sink.accept(new Violation(Severity.WARNING, id, path.toString(), message));
    }

    /** A SHOULD-level finding: an error in strict mode, a warning otherwise. */
    void should(Where path, String message) {
        sink.accept(new Violation(options.strict() ? Severity.ERROR : Severity.WARNING, id, path.toString(), message));
    }

    /**
     * Best practice that only --strict reports: advice that most real content does not follow (custom
     * properties outside extensions), where a warning on every object by default would drown the rest.
     */
    void strictOnly(Where path, String message) {
        if (options.strict()) {
            sink.accept(new Violation(Severity.ERROR, id, path.toString(), message));
        }
    }

    // ---- the pass ------------------------------------------------------------------------------------------

    /** Validates {@code o}, whose path in its file is {@code base} ("" for a lone object). */
    public void run(StixObject o, String base) {
        root.reset(base);
        run(o);
    }

    /** Validates {@code o}, item {@code index} of the list {@code list} in its file ("" for a top-level array). */
    public void run(StixObject o, String list, int index) {
        root.reset(list, index);
        run(o);
    }

    private void run(StixObject o) {
        object = o;
        props = o.properties();
        shape = null;
        type = null;
        def = null;
        category = null;
        createdDigits = -1;
        modifiedDigits = -1;
        createdValue = null;
        modifiedValue = null;
        idValue = props.get("id");
        id = idValue instanceof String ? (String) idValue : null;
        if (!checkType()) {
            return;
        }
        checkId();
        Map<String, PropertySpec> common = def == null ? registry.commonProperties(category) : null;
        shape = def == null ? null : shape();
        for (int i = 0, n = props.size(); i < n; i++) {
            String key = props.keyAt(i);
            if (key == "type" || key == "id") {
                continue;
            }
            PropertySpec spec = shape != null ? shape.specs[i] : common.get(key);
            Object value = props.valueAt(i);
            if (spec != null && spec.kind() == PropertyKind.TIMESTAMP) {
                checkTopLevelTimestamp(key, value);
            } else if (spec != null) {
                checkValue(spec, value, at(key), null);
            } else {
                checkCustomProperty(key, value, at(key));
            }
        }
        List<String> missing = shape != null ? shape.missing : missing(requiredOf(common));
        for (int i = 0, n = missing.size(); i < n; i++) {
            String r = missing.get(i);
            error(at(r), "missing required property \"" + r + "\" of " + type);
        }
        checkCreatedModified();
        TypeRules.check(this);
    }

    /**
     * What the keys of an object of a known type say, worked out once per shape (the parser shares one key array
     * between the objects with the same keys in the same order): the property spec of each key, and the
     * required properties that are absent.
     */
    private static final class Shape {
        private static final int MEMO = 8;
        final TypeDef def;
        final StixProperties sample;
        final PropertySpec[] specs;
        final List<String> missing;
        // where the keys the type rules ask for are, by the key's identity: the same literals ask every time
        private final String[] memoKeys = new String[MEMO];
        private final int[] memoIndexes = new int[MEMO];
        private int memoSize;

        Shape(TypeDef def, StixProperties sample, PropertySpec[] specs, List<String> missing) {
            this.def = def;
            this.sample = sample;
            this.specs = specs;
            this.missing = missing;
        }

        /** The index of {@code key} in {@code props}, which has this shape's keys, or -1. */
        int indexOf(String key, StixProperties props) {
            for (int i = 0; i < memoSize; i++) {
                if (memoKeys[i] == key) {
                    return memoIndexes[i];
                }
            }
            int index = props.indexOf(key);
            if (memoSize < MEMO) {
                memoKeys[memoSize] = key;
                memoIndexes[memoSize++] = index;
            }
            return index;
        }
    }

    /**
     * The value of {@code key}, a string literal of the caller's: the type rules ask each object of a type for the
     * same few keys, and most are absent, which {@link StixProperties#get} finds out by reading every key.
     */
    Object value(String key) {
        if (shape == null) {
            return props.get(key);
        }
        int i = shape.indexOf(key, props);
        return i < 0 ? null : props.valueAt(i);
    }

    private static final int SHAPES = 8;
    private final Shape[] shapes = new Shape[SHAPES];
    private int nextShape;

    private Shape shape() {
        for (Shape s : shapes) {
            if (s != null && s.def == def && props.sameKeysAs(s.sample)) {
                return s;
            }
        }
        PropertySpec[] specs = new PropertySpec[props.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = def.property(props.keyAt(i));
        }
        Shape s = new Shape(def, props, specs, missing(def.requiredProperties()));
        shapes[nextShape] = s;
        nextShape = (nextShape + 1) % SHAPES;
        return s;
    }

    private List<String> missing(List<String> required) {
        List<String> out = List.of();
        for (String r : required) {
            if (!props.containsKey(r)) {
                if (out.isEmpty()) {
                    out = new java.util.ArrayList<>();
                }
                out.add(r);
            }
        }
        return out;
    }

    private static List<String> requiredOf(Map<String, PropertySpec> specs) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        specs.forEach((k, v) -> {
            if (v.required()) {
                out.add(k);
            }
        });
        return out;
    }

    private boolean checkType() {
        Object t = props.get("type");
        if (t == null) {
            error(at("type"), "missing required property \"type\"; every STIX object names its type");
            return false;
        }
        if (!(t instanceof String)) {
            error(at("type"), "type must be a string");
            return false;
        }
        type = (String) t;
        // objects of one type mostly come together (a file's relationships, its techniques): the last answer holds
        if (!type.equals(lastType)) {
            lastType = type;
            lastDef = registry.type(type);
            lastTypeNamed = Formats.isTypeName(type);
        }
        def = lastDef;
        if (def != null) {
            category = def.category();
            if (category == Category.BUNDLE) {
                error(at("type"), "a bundle cannot be nested inside a bundle or stand where an object is expected");
                return false;
            }
            return true;
        }
        if (!Formats.isTypeName(type)) {
            error(
                    at("type"),
                    "type \"" + type + "\" does not match the type name format (lowercase ASCII "
                            + "letters, digits and hyphens, 3 to 250 characters, starting with a letter, no \"--\")");
            return false;
        }
        category = customCategory();
        if (!type.startsWith("x-") && !definedByExtension()) {
            should(
                    at("type"),
                    "custom type \"" + type + "\" should start with \"x-\", or better, be defined by an "
                            + "extension-definition (extension_type new-sdo, new-sco or new-sro)");
        }
        return true;
    }

    private Category customCategory() {
        StixProperties ext = props.getObject("extensions");
        if (ext != null) {
            for (int i = 0; i < ext.size(); i++) {
                if (ext.valueAt(i) instanceof StixProperties) {
                    String et = ((StixProperties) ext.valueAt(i)).getString("extension_type");
                    if ("new-sco".equals(et)) {
                        return Category.SCO;
                    }
                    if ("new-sro".equals(et)) {
                        return Category.SRO;
                    }
                }
            }
        }
        return Category.SDO;
    }

    private boolean definedByExtension() {
        StixProperties ext = props.getObject("extensions");
        if (ext == null) {
            return false;
        }
        for (int i = 0; i < ext.size(); i++) {
            if (ext.valueAt(i) instanceof StixProperties) {
                String et = ((StixProperties) ext.valueAt(i)).getString("extension_type");
                if (et != null && et.startsWith("new-")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkId() {
        Object v = idValue;
        if (v == null) {
            error(at("id"), "missing required property \"id\" (" + type + "--<UUID>)");
            return;
        }
        if (!(v instanceof String)) {
            error(at("id"), "id must be a string of the form " + type + "--<UUID>");
            return;
        }
        String s = (String) v;
        int sep = s.indexOf("--");
        if (sep < 0 || !s.regionMatches(0, type, 0, type.length()) || sep != type.length()) {
            error(at("id"), "id \"" + s + "\" must start with \"" + type + "--\", the object's own type");
            return;
        }
        int version = Formats.uuidVersion(s, sep + 2);
        if (version < 0) {
            error(
                    at("id"),
                    "id \"" + s + "\" does not end in an RFC 4122 UUID (8-4-4-4-12 hex digits, variant "
                            + "8, 9, a or b)");
            return;
        }
        if (book != null && lastTypeNamed) {
            book.identified(
                    s,
                    def == null ? FileReferences.UNREGISTERED : def.category().ordinal());
        }
        if (type.equals("process") && version != 4) {
            error(
                    at("id"),
                    "a process has no ID contributing properties, so its id must be a UUIDv4 (this is v" + version
                            + ")");
        }
        if (category == Category.SCO && !type.equals("process") && version != 5) {
            should(
                    at("id"),
                    "the UUID of an SCO id should be version 5, derived from its ID contributing properties (this is v"
                            + version + ")");
        }
        if ((category == Category.SDO || category == Category.SRO) && version != 4 && version != 5) {
            should(at("id"), "the UUID of an SDO or SRO id should be version 4");
        }
    }

    private void checkCreatedModified() {
        if (category != Category.SDO && category != Category.SRO && category != Category.META) {
            return;
        }
        // a malformed timestamp was reported by its own property check; here only valid ones count
        String created = createdDigits < 0 ? null : (String) createdValue;
        String modified = modifiedDigits < 0 ? null : (String) modifiedValue;
        if (created != null && createdDigits < 3) {
            error(
                    at("created"),
                    "created \"" + created + "\" must have at least millisecond precision "
                            + "(YYYY-MM-DDTHH:mm:ss.sssZ)");
        }
        if (modified != null && modifiedDigits < 3) {
            error(
                    at("modified"),
                    "modified \"" + modified + "\" must have at least millisecond precision "
                            + "(YYYY-MM-DDTHH:mm:ss.sssZ)");
        }
        if (created != null && modified != null && Timestamps.compare(modified, created) < 0) {
            error(
                    at("modified"),
                    "modified (" + modified + ") must be later than or equal to created (" + created + ")");
        }
    }

    /** The property's value when it is a valid timestamp, else null (its own check reports the problem). */
    String validTimestamp(String property) {
        Object v = value(property);
        return v instanceof String && Timestamps.isValid((String) v) ? (String) v : null;
    }

    /** Reports {@code later} earlier than {@code earlier} (or equal to it, when {@code strictlyLater}). */
    void order(String earlier, String later, boolean strictlyLater) {
        String a = validTimestamp(earlier);
        String b = a == null ? null : validTimestamp(later); // mostly neither is there
        if (b == null) {
            return;
        }
        int c = Timestamps.compare(b, a);
        if (c < 0 || (strictlyLater && c == 0)) {
            error(
                    at(later),
                    later + " (" + b + ") must be later than " + (strictlyLater ? "" : "or equal to ") + earlier + " ("
                            + a + ")");
        }
    }

    // ---- values --------------------------------------------------------------------------------------------

    void checkValue(PropertySpec spec, Object value, Where path, String inheritedVocabulary) {
        if (value == null) {
            if (isCustomPath(path)) {
                warning(path, "null in a custom property; omit the property instead");
            } else {
                error(path, "null is not a STIX value; omit the property instead");
            }
            return;
        }
        switch (spec.kind()) {
            case STRING:
                if (!(value instanceof String)) {
                    error(path, "must be a string, not " + jsonType(value));
                } else {
                    checkVocabulary(spec, (String) value, path, inheritedVocabulary);
                }
                break;
            case INTEGER:
                checkInteger(spec, value, path);
                break;
            case FLOAT:
                if (!(value instanceof Number)) {
                    error(path, "must be a number, not " + jsonType(value));
                } else if (Double.isInfinite(((Number) value).doubleValue())) {
                    error(path, "number " + value + " is beyond the range of a STIX float (IEEE double)");
                } else {
                    checkBounds(spec, ((Number) value).doubleValue(), path);
                }
                break;
            case BOOLEAN:
                if (!(value instanceof Boolean)) {
                    error(path, "must be true or false, not " + jsonType(value));
                }
                break;
            case TIMESTAMP:
                checkTimestamp(value, path);
                break;
            case IDENTIFIER:
                checkIdentifier(spec, value, path);
                break;
            case BINARY:
                if (!(value instanceof String) || !Formats.isBase64((String) value)) {
                    error(path, "must be base64 (RFC 4648, padded), not " + describe(value));
                }
                break;
            case HEX:
                if (!(value instanceof String) || !Formats.isHexString((String) value)) {
                    error(path, "must be an even number of hex digits, not " + describe(value));
                }
                break;
            case HASHES:
                structure.checkHashes(value, path);
                break;
            case DICTIONARY:
                structure.checkDictionary(spec, value, path);
                break;
            case OBJECT:
                checkObject(spec.properties(), spec.requiredMembers(), value, path);
                break;
            case LIST:
                checkList(spec, value, path, inheritedVocabulary);
                break;
            case KILL_CHAIN_PHASE:
                structure.checkKillChainPhase(value, path);
                break;
            case EXTERNAL_REFERENCE:
                structure.checkExternalReference(value, path);
                break;
            case GRANULAR_MARKING:
                structure.checkGranularMarking(value, path);
                break;
            case EXTENSIONS:
                structure.checkExtensions(value, path);
                break;
            case ANY:
            default:
                break;
        }
    }

    /** Checks a timestamp and returns its fraction digits, or -1 when it is not one (reported). */
    private int checkTimestamp(Object value, Where path) {
        int digits = value instanceof String ? Timestamps.fractionDigits((String) value) : -1;
        if (digits < 0) {
            error(path, "must be a timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z (UTC) with a real date, not " + describe(value));
        }
        return digits;
    }

    /** A top-level timestamp; created and modified keep what was found, for the checks between them. */
    private void checkTopLevelTimestamp(String key, Object value) {
        int digits = value instanceof String ? Timestamps.fractionDigits((String) value) : -1;
        if (digits < 0) {
            checkTimestamp(value, at(key)); // reports it; the path is made only then
        }
        if (key.equals("created")) {
            createdDigits = digits;
            createdValue = value;
        } else if (key.equals("modified")) {
            modifiedDigits = digits;
            modifiedValue = value;
        }
    }

    private void checkInteger(PropertySpec spec, Object value, Where path) {
        double d;
        if (value instanceof Long) {
            d = (Long) value;
        } else if (value instanceof BigInteger || value instanceof java.math.BigDecimal) {
            error(path, "number " + value + " is outside the range STIX allows");
            return;
        } else if (value instanceof Double && ((Double) value) == Math.rint((Double) value)) {
            d = (Double) value;
        } else {
            error(path, "must be an integer, not " + describe(value));
            return;
        }
        checkBounds(spec, d, path);
    }

    private void checkBounds(PropertySpec spec, double d, Where path) {
        if (spec.min() != null && d < spec.min()) {
            error(path, number(d) + " is less than the minimum of " + number(spec.min()));
        }
        if (spec.max() != null && d > spec.max()) {
            error(path, number(d) + " is greater than the maximum of " + number(spec.max()));
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private void checkVocabulary(PropertySpec spec, String value, Where path, String inherited) {
        String name = spec.vocabulary() != null ? spec.vocabulary() : inherited;
        if (name == null) {
            return;
        }
        Vocabulary vocabulary = registry.vocabulary(name);
        if (vocabulary == null || vocabulary.contains(value)) {
            return;
        }
        if (vocabulary.open()) {
            should(
                    path,
                    "\"" + value + "\" is not in the open vocabulary " + name + "; prefer one of "
                            + preview(vocabulary.values()));
        } else {
            error(path, "\"" + value + "\" is not allowed; use one of " + String.join(", ", vocabulary.values()));
        }
    }

    private static String preview(List<String> values) {
        return values.size() <= 12
                ? String.join(", ", values)
                : String.join(", ", values.subList(0, 12)) + " ... (" + values.size() + " values)";
    }

    private void checkList(PropertySpec spec, Object value, Where path, String inherited) {
        if (!(value instanceof List)) {
            error(path, "must be a list, not " + jsonType(value));
            return;
        }
        List<?> list = (List<?>) value;
        if (list.isEmpty()) {
            if (isCustomPath(path)) {
                warning(path, "empty list in a custom property; STIX prohibits empty lists, omit it");
            } else {
                error(path, "empty lists are prohibited in STIX; omit the property instead");
            }
            return;
        }
        String vocabulary = spec.vocabulary() != null ? spec.vocabulary() : inherited;
        PropertySpec element = spec.of();
        for (int i = 0; i < list.size(); i++) {
            checkValue(element, list.get(i), path.index(i), vocabulary);
        }
    }

    void checkIdentifier(PropertySpec spec, Object value, Where path) {
        if (!(value instanceof String)) {
            error(path, "must be a STIX identifier (type--UUID) string, not " + jsonType(value));
            return;
        }
        String ref = (String) value;
        List<String> targets = spec.refs();
        String checked = checked(ref, targets);
        if (checked != null) {
            // a reference checked lately, against equal targets: most files refer to one author and one marking
            // from every object. The sink gets the string it got before, which it may then recognise by reference
            // instead of comparing characters again.
            if (references != null) {
                references.reference(id, checked, path);
            }
            return;
        }
        int found = NOT_LOOKED_UP;
        if (book != null && !options.openCti()) {
            // a target that is a checked object's id or a recent missing target is well-formed: only its type is
            // left to check, from what the book knows of it
            found = book.find(ref);
            int kind = FileReferences.kind(found);
            if (found != FileReferences.ABSENT
                    && kind != FileReferences.UNVERIFIED
                    && allowedKind(targets, ref, kind)) {
                book.count(found);
                remember(ref, targets);
                return;
            }
        }
        if (ref.isEmpty() && path.throughCustom()) {
            warning(path, "empty reference in a custom property; omit the property when there is no target");
            return;
        }
        int sep = ref.indexOf("--");
        // a type that is literally one of the allowed targets is a registered type name, so well-formed
        boolean known = sep > 0 && targetListed(targets, ref, sep);
        if (sep <= 0 || (!known && !Formats.isTypeName(ref, 0, sep)) || Formats.uuidVersion(ref, sep + 2) < 0) {
            error(path, "\"" + ref + "\" is not a STIX identifier (type--UUID, RFC 4122)");
            return;
        }
        if (options.openCti() && sightingOfObservable(targets, ref, sep, path)) {
            warning(path, "STIX 2.1 sightings are of SDOs; a sighting of an observable is OpenCTI's extension");
        } else if (!targets.isEmpty() && !known && !refAllowed(targets, ref.substring(0, sep))) {
            error(
                    path,
                    "\"" + ref + "\" must refer to " + String.join(" or ", targets) + ", not " + ref.substring(0, sep));
            return;
        } else if (!options.openCti() || !targets.contains("*sdo")) { // a sighting's verdict depends on its path
            remember(ref, targets);
        }
        if (found == NOT_LOOKED_UP) {
            if (references != null) {
                references.reference(id, ref, path);
            }
        } else if (found == FileReferences.ABSENT) {
            book.missing(id, ref, path);
        } else {
            book.count(found);
        }
    }

    /**
     * The string of one of the last two references found well-formed and allowed, if it equals {@code ref} and
     * was checked against targets equal to {@code targets}; else null. Two, because files refer to an author and
     * a marking from every object, and ATT&amp;CK to its author twice, through equal lists: {@code created_by_ref}
     * and {@code x_mitre_modified_by_ref}.
     */
    private String checked(String ref, List<String> targets) {
        if (ref.equals(checkedRef) && (targets == checkedTargets || targets.equals(checkedTargets))) {
            return checkedRef;
        }
        if (ref.equals(otherRef) && (targets == otherTargets || targets.equals(otherTargets))) {
            return otherRef;
        }
        return null;
    }

    /**
     * Remembers {@code ref} as well-formed and allowed by {@code targets}. Not for a property that allows every
     * target (a relationship's ends): its check is cheap anyway, and remembering it would push out the author and
     * the marking.
     */
    private void remember(String ref, List<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        if (!ref.equals(checkedRef)) {
            otherRef = checkedRef;
            otherTargets = checkedTargets;
        }
        checkedRef = ref;
        checkedTargets = targets;
    }

    /**
     * Whether a well-formed target of {@code kind} (see {@link FileReferences}) fits the allowed list, as
     * {@link #refAllowed} decides from the type name; false also when the kind cannot tell.
     */
    private boolean allowedKind(List<String> targets, String ref, int kind) {
        if (targets.isEmpty()) {
            return true;
        }
        if (targetListed(targets, ref, ref.indexOf("--"))) {
            return true;
        }
        if (targets != wildTargets) {
            wildTargets = targets;
            wildcards = wildcardsOf(targets);
        }
        if ((wildcards & WILD_ANY) != 0) {
            return true;
        }
        if (kind == FileReferences.UNREGISTERED) {
            return wildcards != 0; // a custom type of unknown category fits a category wildcard
        }
        return kind < FileReferences.UNREGISTERED && (wildcards & (1 << kind)) != 0; // a Category ordinal
    }

    private static int wildcardsOf(List<String> targets) {
        int bits = 0;
        for (String t : targets) {
            switch (t) {
                case "*":
                    bits |= WILD_ANY;
                    break;
                case "*sdo":
                    bits |= 1 << Category.SDO.ordinal();
                    break;
                case "*sco":
                    bits |= 1 << Category.SCO.ordinal();
                    break;
                case "*sro":
                    bits |= 1 << Category.SRO.ordinal();
                    break;
                default:
                    break;
            }
        }
        return bits;
    }

    /**
     * True when {@code path} runs through a custom ({@code x_}) property: content that STIX does not define, where
     * STIX's own prohibitions (empty lists, null, empty references) are reported as warnings.
     */
    static boolean isCustomPath(Where path) {
        return path.throughCustom();
    }

    /** Fast path: the reference's type prefix is literally one of the allowed targets. */
    private static boolean targetListed(List<String> targets, String ref, int sep) {
        for (int i = 0, n = targets.size(); i < n; i++) {
            String t = targets.get(i);
            if (t.length() == sep && t.charAt(0) != '*' && ref.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /** OpenCTI records sightings of observables, which STIX 2.1 does not define. */
    private boolean sightingOfObservable(List<String> targets, String ref, int sep, Where path) {
        if (!targets.contains("*sdo") || !"sighting_of_ref".equals(path.key())) {
            return false;
        }
        TypeDef t = registry.type(ref.substring(0, sep));
        return t != null && t.category() == Category.SCO;
    }

    /** Whether a target type fits the allowed list; "*sdo"/"*sco"/"*sro" stand for whole categories. */
    boolean refAllowed(List<String> targets, String targetType) {
        if (targets.contains(targetType) || targets.contains("*")) {
            return true;
        }
        TypeDef t = registry.type(targetType);
        if (t == null) {
            // a custom type of unknown category fits a category wildcard, never an explicit type list
            return targets.contains("*sdo") || targets.contains("*sco") || targets.contains("*sro");
        }
        Category c = t.category();
        return (c == Category.SDO && targets.contains("*sdo"))
                || (c == Category.SCO && targets.contains("*sco"))
                || (c == Category.SRO && targets.contains("*sro"));
    }

    /** An extension body: rare enough to find its required members on each call. */
    void checkObject(Map<String, PropertySpec> members, Object value, Where path) {
        checkObject(members, requiredOf(members), value, path);
    }

    void checkObject(Map<String, PropertySpec> members, List<String> required, Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            error(path, "must be a JSON object, not " + jsonType(value));
            return;
        }
        StixProperties o = (StixProperties) value;
        for (int i = 0; i < o.size(); i++) {
            String key = o.keyAt(i);
            PropertySpec spec = members.get(key);
            if (spec != null) {
                checkValue(spec, o.valueAt(i), path.child(key), null);
            } else {
                checkCustomProperty(key, o.valueAt(i), path.child(key));
            }
        }
        for (int i = 0, n = required.size(); i < n; i++) {
            String name = required.get(i);
            if (!o.containsKey(name)) {
                error(path.child(name), "missing required property \"" + name + "\"");
            }
        }
    }

    void checkCustomProperty(String key, Object value, Where path) {
        if (!Formats.isPropertyName(key)) {
            error(
                    path,
                    "custom property name \"" + key + "\" must be 3 to 250 lowercase ASCII letters, digits or "
                            + "'_'");
        } else if (RESERVED.contains(key)) {
            error(path, "\"" + key + "\" is a reserved property name in STIX 2.1 and must not be used");
        } else if (!key.startsWith("x_")) {
            should(path, "custom property \"" + key + "\" should start with \"x_\" or live in an extension");
        } else if (path.depth() == 1) {
            strictOnly(
                    path,
                    "custom property \"" + key + "\" should be defined by an extension-definition (extension_type "
                            + "property-extension or toplevel-property-extension) rather than added ad hoc");
        }
        if (key.endsWith("_ref") && value instanceof String) {
            checkIdentifier(ANY_REF, value, path);
        } else if (key.endsWith("_ref") || (key.endsWith("_refs") && !(value instanceof List))) {
            error(
                    path,
                    "a property ending in _ref holds one identifier and one ending in _refs a list of them; \"" + key
                            + "\" holds " + jsonType(value));
        } else if (key.endsWith("_refs")) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                checkIdentifier(ANY_REF, list.get(i), path.index(i));
            }
        }
        if (value instanceof List && ((List<?>) value).isEmpty()) {
            warning(path, "empty list in custom property \"" + key + "\"; STIX prohibits empty lists, omit it");
        } else if (value instanceof StixProperties && ((StixProperties) value).isEmpty()) {
            warning(path, "empty object in custom property \"" + key + "\"; omit it");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static String jsonType(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "an object";
    }

    static String describe(Object v) {
        if (v instanceof String) {
            String s = (String) v;
            return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
        }
        return jsonType(v);
    }
}
