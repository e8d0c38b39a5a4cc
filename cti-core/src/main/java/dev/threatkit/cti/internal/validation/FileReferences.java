package dev.threatkit.cti.internal.validation;

import java.util.List;
import java.util.function.Supplier;

/**
 * The reference bookkeeping of one file: the ids seen so far and the targets still missing. Every reference of
 * every object passes through here, so it is built for the shape of real files: most references point to a
 * handful of targets (the author identity and the marking that a producer such as ATT&amp;CK writes last), which
 * stay missing for almost the whole file. The last two missing targets are remembered with their counts, so a
 * reference to one of them costs one string comparison instead of two hash-table probes. Not thread-safe.
 */
public final class FileReferences {
    private final IdSet ids = new IdSet();
    private final PendingReferences pending = new PendingReferences();
    // the two most recent missing targets and the references to them not yet counted in pending
    private String recent0;
    private int extra0;
    private String recent1;
    private int extra1;

    /** An object with {@code id} was read: references to it resolve from now on. */
    public void seen(String id) {
        ids.add(id);
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

    /** {@code objectId} refers to {@code target} at {@code path} (formatted only for a target's first reference). */
    public void reference(String objectId, String target, Supplier<String> path) {
        if (target.equals(recent0)) {
            extra0++;
        } else if (target.equals(recent1)) {
            extra1++;
        } else if (!ids.contains(target)) {
            pending.add(target, objectId, path);
            if (recent1 != null) {
                pending.count(recent1, extra1);
            }
            recent1 = recent0;
            extra1 = extra0;
            recent0 = target;
            extra0 = 0;
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
