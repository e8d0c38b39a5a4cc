package dev.threatkit.cti.internal.graph;

/**
 * What the store keeps in memory for one stored object: its ids and the few hot properties that lookups,
 * neighbour listings and access checks need. The object's full JSON stays in the journal at {@link #pointer}.
 * Mutable, and only touched under the store's write lock (readers see it through the store's read lock).
 */
final class Entry {
    final int key;
    /** The stored STIX id: the first id the object was stored under. */
    final String id;

    final String type;
    /**
     * OpenCTI's entity type (Malware, Sector, City ...; stix-core-relationship for relationships), or null when
     * the type has no OpenCTI counterpart. One of a few shared strings.
     */
    String entityType;

    Object vertex;
    long pointer;
    String name;
    String standardId;
    String[] aliasIds;
    /** Other ids the object is known by (x_opencti_stix_ids). */
    String[] otherIds;
    /** The object's own ATT&amp;CK, CAPEC or CVE id, or null. */
    String externalId;
    /** Hash values (lower case) of an observable. */
    String[] hashes;

    String createdBy;
    /** Confidence 0 to 100, or -1 when the object has none. */
    int confidence = -1;

    boolean revoked;
    boolean deprecated;
    /** True for an object the rule engine produced. */
    boolean inferred;
    /** True for a container holding references the rule engine added. */
    boolean inferredRefs;

    String[] markings;
    /** For relationships and sightings: relationship type, source id and target ids as given. */
    String relationshipType;

    String from;
    String[] to;
    /** Incremented on every update, so references recorded under an older version are known to be stale. */
    int version;
    /** The import session that last wrote this entry (0 after a restart). */
    long importSession;

    Entry(int key, String id, String type) {
        this.key = key;
        this.id = id;
        this.type = type;
    }

    /** True when {@code caller} may see this object (it holds every marking the object carries). */
    boolean visibleTo(dev.threatkit.cti.store.Caller caller) {
        return caller.seesAll() || caller.canSee(markings == null ? null : java.util.List.of(markings));
    }

    boolean isRelationship() {
        return relationshipType != null;
    }
}
