package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.stix.StixProperties;
import java.util.List;

/** Granular-marking selectors: {@code description}, {@code external_references.[0].source_name}. */
final class Selectors {
    private Selectors() {}

    /** True if {@code selector} is well-formed and names content present in {@code root}. */
    static boolean selects(StixProperties root, String selector) {
        if (selector.isEmpty()) {
            return false;
        }
        Object at = root;
        for (String part : selector.split("\\.", -1)) {
            if (part.isEmpty()) {
                return false;
            }
            if (part.startsWith("[") && part.endsWith("]")) {
                if (!(at instanceof List)) {
                    return false;
                }
                int index;
                try {
                    index = Integer.parseInt(part.substring(1, part.length() - 1));
                } catch (NumberFormatException e) {
                    return false;
                }
                List<?> list = (List<?>) at;
                if (index < 0 || index >= list.size()) {
                    return false;
                }
                at = list.get(index);
            } else {
                if (!(at instanceof StixProperties) || !((StixProperties) at).containsKey(part)) {
                    return false;
                }
                at = ((StixProperties) at).get(part);
            }
        }
        return true;
    }
}
