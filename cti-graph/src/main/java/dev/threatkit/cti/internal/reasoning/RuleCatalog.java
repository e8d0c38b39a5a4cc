package dev.threatkit.cti.internal.reasoning;

import static dev.threatkit.cti.internal.reasoning.EndType.ANY;
import static dev.threatkit.cti.internal.reasoning.EndType.IDENTITY;
import static dev.threatkit.cti.internal.reasoning.EndType.INDICATOR;
import static dev.threatkit.cti.internal.reasoning.EndType.LOCATION;
import static dev.threatkit.cti.internal.reasoning.EndType.OBSERVABLE;
import static dev.threatkit.cti.internal.reasoning.EndType.THREAT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge rules of OpenCTI's rule engine, under OpenCTI's rule ids: all but its testing rule
 * (related_related) and the access rule participate-to_parts.
 */
public final class RuleCatalog {
    private static final String ATTRIBUTED_TO = "attributed-to";
    private static final String USES = "uses";
    private static final String TARGETS = "targets";
    private static final String LOCATED_AT = "located-at";
    private static final String PART_OF = "part-of";
    private static final String RELATED_TO = "related-to";
    private static final String BASED_ON = "based-on";
    private static final String BELONGS_TO = "belongs-to";
    private static final String SIGHTING = Conclusion.SIGHTING;

    private static final List<Rule> RULES = List.of(
            new ChainRule(
                    "attribution_attribution",
                    "Attribution propagation",
                    "A attributed to B, and B attributed to C: A is attributed to C.",
                    ATTRIBUTED_TO,
                    ATTRIBUTED_TO,
                    ATTRIBUTED_TO,
                    ANY,
                    ANY,
                    ANY,
                    false),
            new ChainRule(
                    "attribution_indicator_indicates",
                    "Indicator propagation via attribution",
                    "An indicator of A, and A attributed to B: the indicator indicates B.",
                    "indicates",
                    ATTRIBUTED_TO,
                    "indicates",
                    INDICATOR,
                    ANY,
                    ANY,
                    false),
            new ChainRule(
                    "attribution_observable_related",
                    "Observable relation propagation via attribution",
                    "An observable related to A, and A attributed to B: the observable is related to B.",
                    RELATED_TO,
                    ATTRIBUTED_TO,
                    RELATED_TO,
                    OBSERVABLE,
                    ANY,
                    ANY,
                    false),
            new ForkRule(
                    "attribution_targets",
                    "Targeting propagation via attribution",
                    "A targets B, and A is attributed to C: C targets B.",
                    TARGETS,
                    ATTRIBUTED_TO,
                    TARGETS,
                    ANY,
                    ANY,
                    ANY),
            new ForkRule(
                    "attribution_use",
                    "Usage propagation via attribution",
                    "A uses B, and A is attributed to C: C uses B.",
                    USES,
                    ATTRIBUTED_TO,
                    USES,
                    ANY,
                    ANY,
                    ANY),
            new ChainRule(
                    "belongs_to_attributed",
                    "Belongs-to propagation via attribution",
                    "A belongs to B, and B is attributed to C: A belongs to C.",
                    BELONGS_TO,
                    ATTRIBUTED_TO,
                    BELONGS_TO,
                    ANY,
                    ANY,
                    ANY,
                    false),
            new ChainRule(
                    "location_location",
                    "Location propagation",
                    "Location L1 located at L2, and L2 at L3: L1 is located at L3.",
                    LOCATED_AT,
                    LOCATED_AT,
                    LOCATED_AT,
                    LOCATION,
                    LOCATION,
                    LOCATION,
                    false),
            new ChainRule(
                    "location_targets",
                    "Targeting propagation via location",
                    "A targets B, and B is located at L: A targets L.",
                    TARGETS,
                    LOCATED_AT,
                    TARGETS,
                    ANY,
                    ANY,
                    LOCATION,
                    false),
            new LocalizationRule(),
            new ChainRule(
                    "part_part",
                    "Belonging propagation",
                    "A part of B, and B part of C: A is part of C.",
                    PART_OF,
                    PART_OF,
                    PART_OF,
                    ANY,
                    ANY,
                    ANY,
                    false),
            new ChainRule(
                    "part-of_targets",
                    "Targeting propagation via belonging",
                    "A targets identity B, and B is part of C: A targets C.",
                    TARGETS,
                    PART_OF,
                    TARGETS,
                    ANY,
                    IDENTITY,
                    ANY,
                    false),
            new ChainRule(
                    "parent_technique_use",
                    "Usage propagation of parent techniques",
                    "A uses sub-technique T, and T is a sub-technique of P: A uses P.",
                    USES,
                    "subtechnique-of",
                    USES,
                    ANY,
                    ANY,
                    ANY,
                    false),
            new ForkRule(
                    "observable_related",
                    "Relation propagation via an observable",
                    "An observable related to two threats (actor groups, intrusion sets, campaigns, incidents,"
                            + " malware): the threats are related to each other.",
                    RELATED_TO,
                    RELATED_TO,
                    RELATED_TO,
                    OBSERVABLE,
                    THREAT,
                    THREAT),
            new ChainRule(
                    "infrastructure_observable_related",
                    "Observable related to entity via infrastructure",
                    "A uses infrastructure that consists of an observable: the observable is related to A.",
                    USES,
                    "consists-of",
                    RELATED_TO,
                    ANY,
                    EndType.INFRASTRUCTURE,
                    OBSERVABLE,
                    true),
            new ForkRule(
                    "indicate_sighted",
                    "Inference of targeting via a sighting",
                    "An indicator of a threat, sighted in an identity or location: the threat targets it.",
                    SIGHTING,
                    "indicates",
                    TARGETS,
                    INDICATOR,
                    EndType.VICTIM,
                    THREAT),
            new ForkRule(
                    "sighting_indicator",
                    "Sightings propagation from indicator",
                    "An indicator sighted in B, based on an observable: the observable was sighted in B.",
                    SIGHTING,
                    BASED_ON,
                    SIGHTING,
                    INDICATOR,
                    ANY,
                    OBSERVABLE),
            new ChainRule(
                    "sighting_observable",
                    "Sightings propagation from observable",
                    "An observable sighted in B, and an indicator based on it: the indicator was sighted in B.",
                    BASED_ON,
                    SIGHTING,
                    SIGHTING,
                    INDICATOR,
                    OBSERVABLE,
                    ANY,
                    false),
            new ObservedSightingRule(),
            new SightingIncidentRule(),
            new ContainerRule(
                    "report_ref_identity_part_of",
                    "Identities propagation in reports",
                    "A report holds identity B, part of C: it also holds C and the part-of relationship.",
                    PART_OF,
                    IDENTITY,
                    ANY,
                    false),
            new ContainerRule(
                    "report_ref_location_located_at",
                    "Locations propagation in reports",
                    "A report holds location B, located at C: it also holds C and the located-at relationship.",
                    LOCATED_AT,
                    LOCATION,
                    ANY,
                    false),
            new ContainerRule(
                    "report_ref_indicator_based_on",
                    "Observables propagation in reports",
                    "A report holds indicator B, based on observable C: it also holds C and the based-on"
                            + " relationship.",
                    BASED_ON,
                    INDICATOR,
                    OBSERVABLE,
                    false),
            new ContainerRule(
                    "report_ref_observable_based_on",
                    "Indicators propagation in reports",
                    "A report holds observable B, and indicator C is based on B: it also holds C and the based-on"
                            + " relationship.",
                    BASED_ON,
                    OBSERVABLE,
                    INDICATOR,
                    true),
            new ContainerRule(
                    "report_ref_observable_belongs_to",
                    "Observables propagation in reports via belongs-to",
                    "A report holds observable B, which belongs to observable C: it also holds C and the belongs-to"
                            + " relationship.",
                    BELONGS_TO,
                    OBSERVABLE,
                    OBSERVABLE,
                    false));

    private static final Map<String, Rule> BY_ID = new LinkedHashMap<>();

    static {
        for (Rule r : RULES) {
            BY_ID.put(r.id(), r);
        }
    }

    private RuleCatalog() {}

    /** Every rule, in catalog order. */
    public static List<Rule> all() {
        return RULES;
    }

    /** The rule with this id, or null. */
    public static Rule get(String id) {
        return BY_ID.get(id);
    }
}
