package dev.threatkit.cti.validation;

import dev.threatkit.cti.internal.validation.ObjectCheck;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks STIX objects against the STIX 2.1 rules the registry describes: required properties, value types, id
 * format and type prefix, timestamps, reference formats and target types, empty lists, naming of custom types
 * and properties, vocabularies, extensions, markings, and the cross-property rules of each type. Every problem
 * is reported; checking never stops at the first.
 *
 * <p>Immutable and thread-safe. For whole files, with references checked across objects, use
 * {@link FileValidator}.
 */
public final class StixValidator {
    private final StixRegistry registry;
    private final ValidationOptions options;

    private StixValidator(StixRegistry registry, ValidationOptions options) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.options = Objects.requireNonNull(options, "options");
    }

    public static StixValidator of(StixRegistry registry, ValidationOptions options) {
        return new StixValidator(registry, options);
    }

    /** The built-in registry with the MUST rules. */
    public static StixValidator builtIn() {
        return new StixValidator(StixRegistry.builtIn(), ValidationOptions.DEFAULT);
    }

    public StixRegistry registry() {
        return registry;
    }

    public ValidationOptions options() {
        return options;
    }

    /** Validates one object on its own; paths are bare property paths. */
    public ValidationResult validate(StixObject object) {
        List<Violation> found = new ArrayList<>();
        validate(object, "", found::add);
        return new ValidationResult(found);
    }

    /**
     * Validates one object, reporting each violation to {@code sink} with paths under {@code path} (the
     * object's own path in its file, {@code objects[12]}, or "" for a lone object).
     */
    public void validate(StixObject object, String path, Consumer<Violation> sink) {
        new ObjectCheck(registry, options, sink, null).run(object, path);
    }

    /**
     * As {@link #validate(StixObject, String, Consumer)}, also handing every well-formed reference found to
     * {@code references} (its path and target id), so that a caller can check them against other objects.
     */
    public void validate(StixObject object, String path, Consumer<Violation> sink, ReferenceSink references) {
        new ObjectCheck(registry, options, sink, references).run(object, path);
    }

    /**
     * A session for validating many objects in a row with one sink, reusing its working state (what
     * {@link FileValidator} does per file). Not thread-safe; cheap to create.
     */
    public Session session(Consumer<Violation> sink, ReferenceSink references) {
        return new Session(new ObjectCheck(registry, options, sink, references));
    }

    /** See {@link #session}. */
    public static final class Session {
        private final ObjectCheck check;

        private Session(ObjectCheck check) {
            this.check = check;
        }

        /** Validates one object whose path in its file is {@code path}. */
        public void validate(StixObject object, String path) {
            check.run(object, path);
        }

        /**
         * Validates item {@code index} of the list {@code list} in its file: the path {@code objects[12]} for
         * ("objects", 12), {@code [12]} for ("", 12). The same as {@link #validate(StixObject, String)}, except
         * that the path is formatted only when a violation is reported.
         */
        public void validate(StixObject object, String list, int index) {
            check.run(object, list, index);
        }
    }

    /**
     * Receives the references an object makes. The path is formatted only if asked for, and only during the
     * call: keep its text, not the supplier.
     */
    @FunctionalInterface
    public interface ReferenceSink {
        void reference(String objectId, String targetId, java.util.function.Supplier<String> path);
    }
}
