package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/**
 * Observed data created by B holds observable O, and indicator I is based on O: I was sighted in B, over the
 * observation's period and count.
 */
final class ObservedSightingRule extends BaseRule {
    private static final String BASED_ON = "based-on";

    ObservedSightingRule() {
        super(
                "observe_sighting",
                "Sightings of observables via observed data",
                "Observed data holding an observable an indicator is based on is a sighting of the indicator in the"
                        + " observed data's author.",
                Set.of(Conclusion.CREATED_BY, Conclusion.OBJECT, BASED_ON),
                Set.of(Conclusion.SIGHTING));
    }

    @Override
    public void forward(Premise x, Premises facts, Sink sink) {
        World w = facts.world();
        switch (x.type) {
            case Conclusion.CREATED_BY:
                for (Premise held : facts.out(x.from, Conclusion.OBJECT)) {
                    basedOn(x, held, facts, sink);
                }
                break;
            case Conclusion.OBJECT:
                if (EndType.OBSERVED_DATA.test(w, x.from)) {
                    for (Premise author : facts.out(x.from, Conclusion.CREATED_BY)) {
                        basedOn(author, x, facts, sink);
                    }
                }
                break;
            case BASED_ON:
                if (EndType.INDICATOR.test(w, x.from) && EndType.OBSERVABLE.test(w, x.to)) {
                    for (Premise held : facts.in(x.to, Conclusion.OBJECT)) {
                        if (EndType.OBSERVED_DATA.test(w, held.from)) {
                            for (Premise author : facts.out(held.from, Conclusion.CREATED_BY)) {
                                sink.derive(new Conclusion(Conclusion.SIGHTING, x.from, author.to), author, held, x);
                            }
                        }
                    }
                }
                break;
            default:
                break;
        }
    }

    private static void basedOn(Premise author, Premise held, Premises facts, Sink sink) {
        World w = facts.world();
        if (!EndType.OBSERVABLE.test(w, held.to)) {
            return;
        }
        for (Premise b : facts.in(held.to, BASED_ON)) {
            if (EndType.INDICATOR.test(w, b.from)) {
                sink.derive(new Conclusion(Conclusion.SIGHTING, b.from, author.to), author, held, b);
            }
        }
    }

    @Override
    public void backward(Conclusion k, Premises facts, Sink sink) {
        World w = facts.world();
        if (!k.type().equals(Conclusion.SIGHTING) || !EndType.INDICATOR.test(w, k.from())) {
            return;
        }
        for (Premise b : facts.out(k.from(), BASED_ON)) {
            if (!EndType.OBSERVABLE.test(w, b.to)) {
                continue;
            }
            for (Premise held : facts.in(b.to, Conclusion.OBJECT)) {
                if (EndType.OBSERVED_DATA.test(w, held.from)) {
                    for (Premise author : facts.stating(Conclusion.CREATED_BY, held.from, k.to())) {
                        sink.derive(k, author, held, b);
                    }
                }
            }
        }
    }
}
