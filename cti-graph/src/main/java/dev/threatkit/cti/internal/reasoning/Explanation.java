package dev.threatkit.cti.internal.reasoning;

import java.util.List;

/** One way a fact was derived: the rule and the premises (by uid) it joined. */
public record Explanation(String rule, List<String> premises) {
    public Explanation {
        premises = List.copyOf(premises);
    }
}
