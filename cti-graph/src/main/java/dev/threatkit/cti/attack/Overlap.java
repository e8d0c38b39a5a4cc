package dev.threatkit.cti.attack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What two entities' coverages share.
 *
 * @param a the first entity's coverage
 * @param b the second entity's coverage
 * @param shared the techniques both cover, in the order of {@code a}'s coverage (by ATT&amp;CK id)
 * @param jaccard shared techniques divided by the techniques either covers; 0 when neither covers any
 */
public record Overlap(Coverage a, Coverage b, List<SharedTechnique> shared, double jaccard) {
    public Overlap {
        shared = List.copyOf(shared);
    }

    /** The overlap of two coverages, techniques compared by stored id. */
    public static Overlap of(Coverage a, Coverage b) {
        Map<String, CoveredTechnique> inB = new HashMap<>();
        for (CoveredTechnique t : b.techniques()) {
            inB.put(t.id(), t);
        }
        List<SharedTechnique> shared = new ArrayList<>();
        Set<String> union = new HashSet<>(inB.keySet());
        for (CoveredTechnique t : a.techniques()) {
            union.add(t.id());
            CoveredTechnique other = inB.get(t.id());
            if (other != null) {
                shared.add(new SharedTechnique(t.id(), t.externalId(), t.name(), t.via(), other.via()));
            }
        }
        double jaccard = union.isEmpty() ? 0 : (double) shared.size() / union.size();
        return new Overlap(a, b, shared, jaccard);
    }

    /** Techniques the first entity covers. */
    public int aCount() {
        return a.techniques().size();
    }

    /** Techniques the second entity covers. */
    public int bCount() {
        return b.techniques().size();
    }
}
