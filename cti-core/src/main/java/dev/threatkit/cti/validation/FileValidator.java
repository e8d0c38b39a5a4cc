package dev.threatkit.cti.validation;

import dev.threatkit.cti.internal.validation.FileReferences;
import dev.threatkit.cti.internal.validation.PendingReferences;
import dev.threatkit.cti.stix.ReadOptions;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.upgrade.Stix20Upgrader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates a whole file or stream (a bundle, a JSON array of objects or one object, plain or gzip), object by
 * object, and checks references across its objects: a reference to an object that is not in the file is a
 * warning (bundles need not be self-contained), one per missing target with the first referring place and the
 * count. Memory: one object at a time, plus the set of ids seen and one entry per still-missing target. STIX 2.0 objects are upgraded to 2.1 first, as on
 * import. Thread-safe; each call is independent.
 */
public final class FileValidator {
    private final StixValidator validator;
    private final Stix20Upgrader upgrader;
    private final ReadOptions readOptions;

    public FileValidator(StixValidator validator) {
        this(validator, ReadOptions.DEFAULTS);
    }

    public FileValidator(StixValidator validator, ReadOptions readOptions) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.upgrader = new Stix20Upgrader(validator.registry());
        this.readOptions = Objects.requireNonNull(readOptions, "readOptions");
    }

    /** The outcome for one file. {@code failure} is set when the file could not be read to its end. */
    public record Report(
            String file, int objects, List<Violation> errors, List<Violation> warnings, StixParseException failure) {
        public boolean valid() {
            return errors.isEmpty() && failure == null;
        }
    }

    public Report validate(Path file) {
        try (StixReader reader = StixReader.open(file, readOptions)) {
            return validate(reader);
        } catch (StixParseException e) {
            return new Report(file.toString(), 0, List.of(), List.of(), e);
        }
    }

    public Report validate(InputStream in, String source) {
        try (StixReader reader = StixReader.open(in, source, readOptions)) {
            return validate(reader);
        } catch (StixParseException e) {
            return new Report(source, 0, List.of(), List.of(), e);
        }
    }

    private Report validate(StixReader reader) {
        List<Violation> errors = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        // ids seen and references to ids not seen yet, grouped by target: a file often refers thousands of times
        // to an identity or marking that comes last (or never), and one entry per target keeps memory flat
        FileReferences references = new FileReferences();
        int count = 0;
        StixParseException failure = null;
        StixValidator.Session session = validator.session(v -> (v.isError() ? errors : warnings).add(v), references);
        // A bundle states its version before its objects in every producer we know; read it once.
        boolean stix20 = "2.0".equals(reader.bundleProperties().get("spec_version"));
        try {
            while (reader.hasNext()) {
                StixObject object = reader.next();
                count++;
                if (!Stix20Upgrader.isStix20(object, stix20)) {
                    if (reader.shape() == StixReader.Shape.SINGLE) {
                        session.validate(object, "");
                    } else {
                        // objects[12] or [12], formatted only if a violation needs it
                        session.validate(
                                object, reader.shape() == StixReader.Shape.BUNDLE ? "objects" : "", reader.index());
                    }
                    seen(object, references);
                    continue;
                }
                String path = reader.path();
                Stix20Upgrader.Result upgraded = upgrader.upgrade(object); // lifted observables come first
                for (int i = 0; i < upgraded.objects().size(); i++) {
                    String origin = upgraded.origins().get(i);
                    String at = origin.isEmpty() ? path : path.isEmpty() ? origin : path + "." + origin;
                    check(upgraded.objects().get(i), at, references, session);
                }
            }
        } catch (StixParseException e) {
            failure = e;
        }
        if (reader.shape() == StixReader.Shape.BUNDLE) {
            checkEnvelope(reader, errors);
        }
        // after a parse failure the rest of the file is unknown: a missing target may have been in it
        if (failure == null) {
            for (PendingReferences.Target t : references.missing()) {
                warnings.add(dangling(t));
            }
        }
        return new Report(reader.source(), count, List.copyOf(errors), List.copyOf(warnings), failure);
    }

    private static void check(StixObject o, String path, FileReferences references, StixValidator.Session session) {
        session.validate(o, path);
        seen(o, references);
    }

    private static void seen(StixObject o, FileReferences references) {
        String id = o.id();
        if (id != null) {
            // a forward reference resolved: keep only targets still missing. The check has just told the book
            // of a well-formed id, with what it knows of its type; any other id only resolves references.
            references.seen(id);
        }
    }

    private static Violation dangling(PendingReferences.Target t) {
        String times = t.count() == 1 ? "" : " (referenced " + t.count() + " times; this is the first)";
        return new Violation(
                Severity.WARNING,
                t.firstObjectId(),
                t.firstPath(),
                "\"" + t.id() + "\" is not in this file (a dangling reference, unless the object is known elsewhere)"
                        + times);
    }

    private static void checkEnvelope(StixReader reader, List<Violation> errors) {
        Object id = reader.bundleProperties().get("id");
        if (id == null) {
            errors.add(new Violation(Severity.ERROR, null, "id", "the bundle has no id (bundle--<UUID>)"));
        } else if (!(id instanceof String)
                || !((String) id).startsWith("bundle--")
                || !dev.threatkit.cti.internal.validation.Formats.isIdentifier((String) id)) {
            errors.add(new Violation(Severity.ERROR, null, "id", "the bundle id must be bundle--<UUID>, not " + id));
        }
    }
}
