package dev.threatkit.cti.internal.reasoning;

/** What rules need to know about the objects at the ends of premises, answered by the store. */
public interface World {
    /** The STIX type of the object with this id (from the id's prefix when the store does not hold it). */
    String type(String id);

    /** OpenCTI's entity type (Threat-Actor-Group, Sector ...), or null. */
    String entityType(String id);

    /** True for cyber observables (SCOs). */
    boolean observable(String id);

    /** True when the stored object is revoked or deprecated. */
    boolean retired(String id);
}
