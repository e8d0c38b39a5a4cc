package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.validation.StixValidator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reference bookkeeping of one file: the ids seen so far and the targets still missing. Every reference of
 * every object passes through here, so it is built for the shape of real files: most references point to a
 * handful of targets (the author identity and the marking that a producer such as ATT&amp;CK writes last), which
 * stay missing for almost the whole file. The last two missing targets are remembered with their counts, so a
 * reference to one of them costs one string comparison instead of two hash-table probes.
 *
 * <p>The book also keeps what the validator found out about each id: an object's id that its check found
 * well-formed is {@link #identified} with its type's category, so a reference to it ({@link #find}) needs no
 * format check of its own, only the check of its type against what the property allows. The two recent missing
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
    private static final int RECENT_0 = 1 << 8;
    private static final int RECENT_1 = 1 << 9;

    private final IdSet ids = new IdSet();
    private final PendingReferences pending = new PendingReferences();
    // the two most recent missing targets and the references to them not yet counted in pending
    private String recent0;
    private int extra0;
    private String recent1;
    private int extra1;
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
            if (id.equals(recent0)) {
                recent0 = null;
                extra0 = 0;
            } else if (id.equals(recent1)) {
                recent1 = null;
                extra1 = 0;
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
        if (target.equals(recent0)) {
            return RECENT_0 | TYPE_UNKNOWN;
        }
        if (target.equals(recent1)) {
            return RECENT_1 | TYPE_UNKNOWN;
        }
        return ids.kind(target);
    }

    /** The kind in a code from {@link #find}. */
    public static int kind(int found) {
        return found & KIND;
    }

    /** Records a reference to a target that {@link #find} found (answered other than {@link #ABSENT}). */
    public void count(int found) {
        if ((found & RECENT_0) != 0) {
            extra0++;
        } else if ((found & RECENT_1) != 0) {
            extra1++;
        }
    }

    /** Records a reference to a well-formed {@code target} that {@link #find} answered {@link #ABSENT} for. */
    public void missing(String objectId, String target, Supplier<String> path) {
        pending.add(target, objectId, path);
        if (recent1 != null) {
            pending.count(recent1, extra1);
        }
        recent1 = recent0;
        extra1 = extra0;
        recent0 = target;
        extra0 = 0;
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
        if (recent0 != null) {
            pending.count(recent0, extra0);
            extra0 = 0;
        }
        if (recent1 != null) {
            pending.count(recent1, extra1);
            extra1 = 0;
        }
        return pending.targets();
    }
}
