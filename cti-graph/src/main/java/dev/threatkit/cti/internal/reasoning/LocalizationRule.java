package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/** Relationship R ({@code A targets B}) and {@code R located-at L} give {@code A targets L}. */
final class LocalizationRule extends BaseRule {
    private static final String TARGETS = "targets";
    private static final String LOCATED_AT = "located-at";

    LocalizationRule() {
        super(
                "localization_of_targets",
                "Targeting propagation when located",
                "A targeting that is located somewhere means the source targets that location.",
                Set.of(TARGETS, LOCATED_AT),
                Set.of(TARGETS));
    }

    @Override
    public void forward(Premise x, Premises facts, Sink sink) {
        World w = facts.world();
        if (x.type.equals(TARGETS)) {
            for (Premise at : facts.out(x.id, LOCATED_AT)) {
                if (EndType.LOCATION.test(w, at.to)) {
                    sink.derive(new Conclusion(TARGETS, x.from, at.to), x, at);
                }
            }
        }
        if (x.type.equals(LOCATED_AT) && EndType.LOCATION.test(w, x.to)) {
            for (Premise r : facts.citing(x.from)) {
                if (r.type.equals(TARGETS)) {
                    sink.derive(new Conclusion(TARGETS, r.from, x.to), r, x);
                }
            }
        }
    }

    @Override
    public void backward(Conclusion k, Premises facts, Sink sink) {
        if (!k.type().equals(TARGETS) || !EndType.LOCATION.test(facts.world(), k.to())) {
            return;
        }
        for (Premise at : facts.in(k.to(), LOCATED_AT)) {
            for (Premise r : facts.citing(at.from)) {
                if (r.type.equals(TARGETS) && r.from.equals(k.from())) {
                    sink.derive(k, r, at);
                }
            }
        }
    }
}
