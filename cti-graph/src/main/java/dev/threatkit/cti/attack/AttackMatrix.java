package dev.threatkit.cti.attack;

import java.util.List;

/**
 * The matrix of an ATT&amp;CK domain: its tactics in matrix order, each with the techniques that belong to it.
 *
 * @param domain the domain ({@code enterprise-attack}, {@code mobile-attack}, {@code ics-attack})
 * @param matrices the stored ids of the {@code x-mitre-matrix} objects read, in stored order
 * @param tactics the tactics of every matrix, in each matrix's {@code tactic_refs} order, each once
 */
public record AttackMatrix(String domain, List<String> matrices, List<Tactic> tactics) {
    public AttackMatrix {
        matrices = List.copyOf(matrices);
        tactics = List.copyOf(tactics);
    }

    /**
     * A tactic and its techniques, sorted by name then ATT&amp;CK id (the Navigator's default order).
     *
     * @param id the tactic's stored id
     * @param externalId its ATT&amp;CK id ({@code TA0001}), or null
     * @param shortname its {@code x_mitre_shortname} ({@code initial-access}), the phase name techniques use
     * @param name its name
     * @param techniques the techniques (not sub-techniques) with a kill-chain phase naming the tactic
     */
    public record Tactic(String id, String externalId, String shortname, String name, List<Technique> techniques) {
        public Tactic {
            techniques = List.copyOf(techniques);
        }
    }

    /**
     * A technique of a tactic.
     *
     * @param id its stored id
     * @param externalId its ATT&amp;CK id ({@code T1566}), or null
     * @param name its name
     * @param subtechniques the ATT&amp;CK ids of its sub-techniques ({@code subtechnique-of} sources), sorted
     */
    public record Technique(String id, String externalId, String name, List<String> subtechniques) {
        public Technique {
            subtechniques = List.copyOf(subtechniques);
        }
    }
}
