package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/**
 * An indicator that is not revoked, sighted in an identity, raises an incident: the incident is related to the
 * indicator and targets the identity. One incident per sighting target.
 */
final class SightingIncidentRule extends BaseRule {
    private static final String RELATED_TO = "related-to";
    private static final String TARGETS = "targets";

    SightingIncidentRule() {
        super(
                "sighting_incident",
                "Raise incident based on sighting",
                "A valid indicator sighted in an identity raises an incident related to the indicator and targeting"
                        + " the identity.",
                Set.of(Conclusion.SIGHTING),
                Set.of(Conclusion.INCIDENT, RELATED_TO, TARGETS));
    }

    private static boolean applies(Premise s, World w) {
        return s.type.equals(Conclusion.SIGHTING)
                && EndType.INDICATOR.test(w, s.from)
                && !w.retired(s.from)
                && EndType.IDENTITY.test(w, s.to);
    }

    @Override
    public void forward(Premise s, Premises facts, Sink sink) {
        if (!applies(s, facts.world())) {
            return;
        }
        String incident = Conclusion.incidentId(s.uid);
        sink.derive(new Conclusion(Conclusion.INCIDENT, incident, s.uid), s);
        sink.derive(new Conclusion(RELATED_TO, incident, s.from), s);
        sink.derive(new Conclusion(TARGETS, incident, s.to), s);
    }

    @Override
    public void backward(Conclusion k, Premises facts, Sink sink) {
        if (!k.from().startsWith("incident--")) {
            return;
        }
        if (k.type().equals(Conclusion.INCIDENT)) {
            Premise s = facts.get(k.to());
            if (s != null
                    && applies(s, facts.world())
                    && Conclusion.incidentId(s.uid).equals(k.from())) {
                sink.derive(k, s);
            }
            return;
        }
        Iterable<Premise> candidates;
        switch (k.type()) {
            case RELATED_TO:
                candidates = facts.out(k.to(), Conclusion.SIGHTING);
                break;
            case TARGETS:
                candidates = facts.in(k.to(), Conclusion.SIGHTING);
                break;
            default:
                return;
        }
        for (Premise s : candidates) {
            if (applies(s, facts.world()) && Conclusion.incidentId(s.uid).equals(k.from())) {
                sink.derive(k, s);
            }
        }
    }
}
