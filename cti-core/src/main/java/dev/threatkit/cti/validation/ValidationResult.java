package dev.threatkit.cti.validation;

import java.util.ArrayList;
import java.util.List;

/** The violations found in one object or one file: valid when there is no error. Immutable. */
public final class ValidationResult {
    private final List<Violation> errors;
    private final List<Violation> warnings;

    public ValidationResult(List<Violation> violations) {
        List<Violation> e = new ArrayList<>();
        List<Violation> w = new ArrayList<>();
        for (Violation v : violations) {
            (v.isError() ? e : w).add(v);
        }
        this.errors = List.copyOf(e);
        this.warnings = List.copyOf(w);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<Violation> errors() {
        return errors;
    }

    public List<Violation> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return valid() ? "valid (" + warnings.size() + " warnings)" : errors.size() + " errors: " + errors;
    }
}
