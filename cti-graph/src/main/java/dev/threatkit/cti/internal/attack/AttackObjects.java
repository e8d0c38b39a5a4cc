package dev.threatkit.cti.internal.attack;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the analytics read from ATT&amp;CK objects: ids, domains, kill-chain phases, revoked and deprecated flags. */
public final class AttackObjects {
    /** The kill chain ATT&amp;CK uses in each domain. */
    private static final Map<String, String> KILL_CHAINS = Map.of(
            "enterprise-attack", "mitre-attack",
            "mobile-attack", "mitre-mobile-attack",
            "ics-attack", "mitre-ics-attack");

    private static final Set<String> SOURCES = Set.of("mitre-attack", "mitre-mobile-attack", "mitre-ics-attack");

    /** Sorts ATT&amp;CK ids (null last) then stored ids; ids of one kind have fixed widths, so text order is right. */
    public static final Comparator<String> EXTERNAL_IDS = Comparator.nullsLast(Comparator.naturalOrder());

    private AttackObjects() {}

    /** The ATT&amp;CK id: the external id of the first reference from an ATT&amp;CK source, or null. */
    public static String externalId(StixObject o) {
        for (StixProperties ref : o.externalReferences()) {
            if (SOURCES.contains(ref.getString("source_name")) && ref.getString("external_id") != null) {
                return ref.getString("external_id");
            }
        }
        return null;
    }

    /** True when revoked or {@code x_mitre_deprecated}. */
    public static boolean inactive(StixObject o) {
        return o.revoked() || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"));
    }

    public static List<String> domains(StixObject o) {
        return o.getStrings("x_mitre_domains");
    }

    /** The kill-chain name of a domain's tactics, or null for a domain ATT&amp;CK does not define. */
    public static String killChain(String domain) {
        return KILL_CHAINS.get(domain);
    }

    /** The phase names of an object's kill-chain phases, in order, each once. */
    public static List<String> phases(StixObject o) {
        Set<String> out = new LinkedHashSet<>();
        for (StixProperties phase : o.killChainPhases()) {
            String name = phase.getString("phase_name");
            if (name != null) {
                out.add(name);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * True when the technique has a phase naming {@code shortname} in {@code killChain} (any kill chain when
     * {@code killChain} is null).
     */
    public static boolean inPhase(StixObject technique, String killChain, String shortname) {
        for (StixProperties phase : technique.killChainPhases()) {
            if (shortname.equals(phase.getString("phase_name"))
                    && (killChain == null || killChain.equals(phase.getString("kill_chain_name")))) {
                return true;
            }
        }
        return false;
    }
}
