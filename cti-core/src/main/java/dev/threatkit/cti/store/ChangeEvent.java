package dev.threatkit.cti.store;

import dev.threatkit.cti.stix.StixObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One accepted change, as the journal holds it and the change stream delivers it. Event ids increase
 * monotonically across the life of a store, so a consumer resumes after the last id it processed.
 *
 * @param id the event id, from 1
 * @param kind what happened
 * @param time when the change was accepted
 * @param source where it came from (a file name, a connector, "api"), for history
 * @param objectId the stored STIX id of the object (the first id it was stored under)
 * @param object the object's new state; for a delete, its last state
 * @param patch for an update or merge, the RFC 6902 patch from the old state to the new, as JSON; else null
 * @param reversePatch the RFC 6902 patch from the new state back to the old, as JSON; else null
 * @param mergedIds for a merge, the stored ids of the objects merged into this one; else empty
 * @param inferred true when the rule engine produced the change
 */
public record ChangeEvent(
        long id,
        ChangeKind kind,
        Instant time,
        String source,
        String objectId,
        StixObject object,
        String patch,
        String reversePatch,
        List<String> mergedIds,
        boolean inferred) {
    public ChangeEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(object, "object");
        mergedIds = mergedIds == null ? List.of() : List.copyOf(mergedIds);
    }

    /** The STIX type of the object. */
    public String type() {
        return object.type();
    }
}
