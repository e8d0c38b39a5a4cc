package dev.threatkit.cti.validation;

/**
 * One problem found in one object.
 *
 * @param severity error or warning
 * @param objectId the id of the object (null when it has none)
 * @param path JSON path rooted at the file: {@code objects[12].kill_chain_phases[0].phase_name}
 * @param message what is wrong and what to do about it
 */
public record Violation(Severity severity, String objectId, String path, String message) {
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
