package dev.threatkit.cti.attack;

import java.util.List;

/**
 * A technique two entities both cover.
 *
 * @param id the technique's stored id
 * @param externalId its ATT&amp;CK id, or null
 * @param name its name
 * @param viaA how the first entity covers it
 * @param viaB how the second entity covers it
 */
public record SharedTechnique(String id, String externalId, String name, List<Via> viaA, List<Via> viaB) {
    public SharedTechnique {
        viaA = List.copyOf(viaA);
        viaB = List.copyOf(viaB);
    }
}
