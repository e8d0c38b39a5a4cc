package dev.threatkit.cti.store;

import java.util.List;
import java.util.Set;

/**
 * Who is asking: the markings a caller may see and the highest confidence it may write with. Every read and
 * write of the store and of search takes one, so an embedding application gets the same protection as the
 * server.
 *
 * <p>An object is visible when every marking it carries ({@code object_marking_refs}, as stored ids) is
 * allowed. {@link #ADMIN} (what the command line acts as) sees everything and writes at confidence 100.
 *
 * @param allowedMarkings marking-definition ids the caller may see, or {@code null} for all of them
 * @param maxConfidence highest confidence (0 to 100) the caller's writes take effect with
 */
public record Caller(Set<String> allowedMarkings, int maxConfidence) {
    /** The local administrator: every marking, confidence 100. */
    public static final Caller ADMIN = new Caller(null, 100);

    public Caller {
        if (maxConfidence < 0 || maxConfidence > 100) {
            throw new IllegalArgumentException("a caller's maximum confidence must be 0 to 100, got " + maxConfidence);
        }
        allowedMarkings = allowedMarkings == null ? null : Set.copyOf(allowedMarkings);
    }

    /** A caller that sees objects unmarked or marked only with {@code markings}, writing at {@code maxConfidence}. */
    public static Caller of(Set<String> markings, int maxConfidence) {
        return new Caller(markings, maxConfidence);
    }

    /** True when this caller may see every marking. */
    public boolean seesAll() {
        return allowedMarkings == null;
    }

    /** True when an object carrying {@code markingRefs} (null or empty for none) is visible to this caller. */
    public boolean canSee(List<String> markingRefs) {
        if (allowedMarkings == null || markingRefs == null) {
            return true;
        }
        for (String marking : markingRefs) {
            if (!allowedMarkings.contains(marking)) {
                return false;
            }
        }
        return true;
    }
}
