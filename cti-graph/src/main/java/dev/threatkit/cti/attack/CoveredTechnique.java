package dev.threatkit.cti.attack;

import java.util.List;

/**
 * One technique an entity covers.
 *
 * @param id the technique's stored id
 * @param externalId its ATT&amp;CK id ({@code T1059}, {@code T1059.001}), or null
 * @param name its name
 * @param tactics the phase names of its kill-chain phases, in its order, each once ({@code execution})
 * @param domains its {@code x_mitre_domains} ({@code enterprise-attack} ...), empty when it has none
 * @param via how it is covered, in the order {@link Via} declares, each once
 * @param paths every way it is covered: who uses it, and through which sub-technique
 */
public record CoveredTechnique(
        String id,
        String externalId,
        String name,
        List<String> tactics,
        List<String> domains,
        List<Via> via,
        List<UsePath> paths) {
    public CoveredTechnique {
        tactics = List.copyOf(tactics);
        domains = List.copyOf(domains);
        via = List.copyOf(via);
        paths = List.copyOf(paths);
    }

    /** True when the entity itself uses the technique. */
    public boolean direct() {
        return via.contains(Via.DIRECT);
    }
}
