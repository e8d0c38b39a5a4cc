package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.validation.StixValidator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reference bookkeeping of one file: the ids seen so far and the targets still missing. Every reference of
 * every object passes through here, so it is built for the shape of real files: most references point to a
 * handful of targets (the author identity and the marking that a producer such as ATT&amp;CK writes last), which
 * stay missing for almost the whole file. Four recent missing targets are remembered with their counts, so a
 * reference to one of them costs a few string comparisons instead of two hash-table probes. Two of the four are
 * for targets referred to again: a target enters in one of the other two, and a second reference moves it up, so
 * that a run of forward references, each to a target of its own (ATT&amp;CK's analytics name the data components
 * that come after them, 7,500 references in all), passes through without pushing out the author and the marking.
 *
 * <p>The book also keeps what the validator found out about each id: an object's id that its check found
 * well-formed is {@link #identified} with its type's category, so a reference to it ({@link #find}) needs no
 * format check of its own, only the check of its type against what the property allows. The recent missing
 * targets are known well-formed too. In ATT&amp;CK 18.1, 41,836 of the 116,157 references point at objects
 * already read and the other 74,321 at the author and the marking, which come last. Not thread-safe.
 */
public final class FileReferences implements StixValidator.ReferenceSink {
    /** What {@link #find} answers for a target that is neither a known id nor a recent missing target. */
    public static final int ABSENT = -1;
    /**
     * The kind of an id that is the well-formed identifier of an object whose type the registry does not know;
     * registered types have their {@link Category} ordinal as kind.
     */
    public static final int UNREGISTERED = Category.values().length;
    /** The kind of a recent missing target: well-formed, its type not looked up. */
    public static final int TYPE_UNKNOWN = 125;
    /** The kind of an object's id that nobody checked as well-formed. */
    public static final int UNVERIFIED = 126;

    private static final int KIND = 0xFF;
    private static final int RECENT = 8; // the recent slot of a code from find() is in the bits above the kind
    private static final int SLOTS = 4; // 0 and 1 for targets referred to again, 2 and 3 for newcomers

    private final IdSet ids = new IdSet();
    private final PendingReferences pending = new PendingReferences();
    // recent missing targets, the references to them not yet counted in pending, and when each was last used
    private final String[] recent = new String[SLOTS];
    private final int[] extra = new int[SLOTS];
    private final long[] used = new long[SLOTS];
    private long clock;
    // the id last handed to identified(), which seen() then need not look up again
    private String lastIdentified;

    /**
     * The object being checked has {@code id}, a well-formed identifier whose type has {@code kind}: references to
     * it resolve from now on, and need no format check of their own.
     */
    public void identified(String id, int kind) {
        lastIdentified = id;
        add(id, kind);
    }

    /** An object with {@code id} was read and checked: references to it resolve from now on. */
    public void seen(String id) {
        if (id != lastIdentified) {
            add(id, UNVERIFIED);
        }
        lastIdentified = null;
    }

    private void add(String id, int kind) {
        ids.add(id, kind);
        if (!pending.isEmpty() && pending.remove(id)) {
            for (int i = 0; i < SLOTS; i++) {
                if (id.equals(recent[i])) {
                    recent[i] = null;
                    extra[i] = 0;
                    used[i] = 0; // an empty slot is the first to fill
                    break;
                }
            }
        }
    }

    /**
     * What is known of {@code target}, without recording anything: {@link #ABSENT}, or a code whose low byte is
     * its kind ({@link #TYPE_UNKNOWN} for a recent missing target, {@link #UNVERIFIED}, or that of the object
     * {@link #identified} with it). A reference whose target was found gets recorded with {@link #count}; one
     * found absent, once checked, with {@link #missing}.
     */
    public int find(String target) {
        for (int i = 0; i < SLOTS; i++) {
            if (target.equals(recent[i])) {
                return (i + 1) << RECENT | TYPE_UNKNOWN;
            }
        }
        return ids.kind(target);
    }

    /** The kind in a code from {@link #find}. */
    public static int kind(int found) {
        return found & KIND;
    }

    /** Records a reference to a target that {@link #find} found (answered other than {@link #ABSENT}). */
    public void count(int found) {
        int i = (found >>> RECENT) - 1;
        if (i < 0) {
            return;
        }
        extra[i]++;
        used[i] = ++clock;
        if (i >= 2) { // referred to again: up among the targets to keep, the older of those down in its place
            int down = used[0] <= used[1] ? 0 : 1;
            swap(i, down);
        }
    }

    /** Records a reference to a well-formed {@code target} that {@link #find} answered {@link #ABSENT} for. */
    public void missing(String objectId, String target, Supplier<String> path) {
        pending.add(target, objectId, path);
        int out = used[2] <= used[3] ? 2 : 3; // the older newcomer, or an empty slot
        if (recent[out] != null) {
            pending.count(recent[out], extra[out]);
        }
        recent[out] = target;
        extra[out] = 0;
        used[out] = ++clock;
    }

    private void swap(int a, int b) {
        String r = recent[a];
        recent[a] = recent[b];
        recent[b] = r;
        int e = extra[a];
        extra[a] = extra[b];
        extra[b] = e;
        long u = used[a];
        used[a] = used[b];
        used[b] = u;
    }

    /** {@code objectId} refers to {@code target} at {@code path} (formatted only for a target's first reference). */
    @Override
    public void reference(String objectId, String target, Supplier<String> path) {
        int found = find(target);
        if (found == ABSENT) {
            missing(objectId, target, path);
        } else {
            count(found);
        }
    }

    /** The targets never seen, in the order of their first reference. */
    public List<PendingReferences.Target> missing() {
        for (int i = 0; i < SLOTS; i++) {
            if (recent[i] != null) {
                pending.count(recent[i], extra[i]);
                extra[i] = 0;
            }
        }
        return pending.targets();
    }
}
