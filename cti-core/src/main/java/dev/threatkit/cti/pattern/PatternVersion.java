package dev.threatkit.cti.pattern;

/** The STIX version whose patterning rules apply. */
public enum PatternVersion {
    /** STIX 2.0: no EXISTS; START and STOP also take plain string timestamps. */
    V2_0("2.0"),
    /** STIX 2.1, the default. */
    V2_1("2.1");

    private final String label;

    PatternVersion(String label) {
        this.label = label;
    }

    /** "2.0" or "2.1". */
    public String label() {
        return label;
    }

    /** The version labelled {@code label} ("2.0" or "2.1"). */
    public static PatternVersion of(String label) {
        for (PatternVersion v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown STIX pattern version \"" + label + "\"; use 2.0 or 2.1");
    }

    @Override
    public String toString() {
        return label;
    }
}
