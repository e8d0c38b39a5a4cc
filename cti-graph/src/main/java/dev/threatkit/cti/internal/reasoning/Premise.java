package dev.threatkit.cti.internal.reasoning;

import java.util.Objects;

/**
 * A fact rules read: a stored relationship, one target of a stored sighting, one reference of a report or observed
 * data ({@code object}), the author of observed data ({@code created-by}), or an inferred fact ({@link #derived}
 * set). Immutable; attributes of an inferred premise live in its {@link Derived}.
 */
public final class Premise {
    /** Unique among premises: the stored id, {@code id|target} for a sighting, the conclusion key otherwise. */
    public final String uid;
    /** The id explanations cite. */
    public final String id;

    public final String type;
    public final String from;
    public final String to;
    /** 0 to 100, or -1 when the fact has none. */
    public final int confidence;
    /** Epoch milliseconds; {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} when open. */
    public final long start;

    public final long stop;
    /** A sighting's count or observed data's number_observed, else 0. */
    public final long count;
    /** Sorted marking ids, never null. */
    public final String[] markings;

    public final String createdBy;
    /** For an inferred premise, its derivation; else null. */
    public final Derived derived;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public Premise(
            String uid,
            String id,
            String type,
            String from,
            String to,
            int confidence,
            long start,
            long stop,
            long count,
            String[] markings,
            String createdBy) {
        this(uid, id, type, from, to, confidence, start, stop, count, markings, createdBy, null);
    }

    private Premise(
            String uid,
            String id,
            String type,
            String from,
            String to,
            int confidence,
            long start,
            long stop,
            long count,
            String[] markings,
            String createdBy,
            Derived derived) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.confidence = confidence;
        this.start = start;
        this.stop = stop;
        this.count = count;
        this.markings = markings == null ? new String[0] : markings;
        this.createdBy = createdBy;
        this.derived = derived;
    }

    static Premise of(Derived d) {
        Conclusion c = d.conclusion;
        return new Premise(
                c.key(), c.citedId(), c.type(), c.from(), c.to(), -1, Long.MIN_VALUE, Long.MAX_VALUE, 0, null, null, d);
    }

    /** The key of the fact it states, shared by every premise (and inferred fact) that states the same. */
    public String triple() {
        return type + '|' + from + '|' + to;
    }

    /** True when it stands for a stored explicit fact. */
    public boolean explicit() {
        return derived == null;
    }

    /** True when every attribute equals the other's (same uid assumed). */
    public boolean sameAs(Premise o) {
        return id.equals(o.id)
                && type.equals(o.type)
                && from.equals(o.from)
                && to.equals(o.to)
                && confidence == o.confidence
                && start == o.start
                && stop == o.stop
                && count == o.count
                && java.util.Arrays.equals(markings, o.markings)
                && Objects.equals(createdBy, o.createdBy);
    }

    @Override
    public String toString() {
        return uid;
    }
}
