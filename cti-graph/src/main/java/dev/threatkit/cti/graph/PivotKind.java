package dev.threatkit.cti.graph;

import java.util.Locale;

/** What two entities can share for a {@linkplain Cti#pivot pivot}. */
public enum PivotKind {
    /** Observables (any SCO type) both are related to, by any relationship or sighting. */
    OBSERVABLES,
    /** Infrastructure objects both are related to, by any relationship or sighting. */
    INFRASTRUCTURE,
    /** Attack patterns both {@code uses}. */
    TECHNIQUES;

    /** The lower-case name used in JSON and on the command line. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
