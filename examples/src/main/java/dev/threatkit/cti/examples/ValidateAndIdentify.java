package dev.threatkit.cti.examples;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.ids.IdResult;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationResult;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Embedding scenario shown in the README: stream a bundle, validate each object and compute its deterministic
 * id. Run: {@code java -cp ... dev.threatkit.cti.examples.ValidateAndIdentify bundle.json}.
 */
public final class ValidateAndIdentify {
    private ValidateAndIdentify() {}

    public static void main(String[] args) {
        run(Path.of(args[0]), System.out);
    }

    /** Returns the number of invalid objects. */
    public static int run(Path bundle, PrintStream out) {
        int invalid = 0;
        StixValidator validator = StixValidator.builtIn();
        DeterministicIds ids = DeterministicIds.builtIn();
        try (StixReader reader = StixReader.open(bundle)) { // streams: one object in memory at a time
            while (reader.hasNext()) {
                StixObject object = reader.next();
                ValidationResult result = validator.validate(object);
                IdResult id = ids.compute(object); // STIX 2.1 / OpenCTI deterministic id
                out.println(object.type() + " " + object.name() + " valid=" + result.valid() + " standard_id="
                        + (id.present() ? id.id() : "-"));
                if (!result.valid()) {
                    invalid++;
                }
            }
        }
        return invalid;
    }
}
