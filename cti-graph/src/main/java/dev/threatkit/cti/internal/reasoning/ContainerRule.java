package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/**
 * A report holds B, and relationship D links B to C ({@code B -rel-> C}, or {@code C -rel-> B} when reversed): the
 * report also holds C and D. B and C must be of their end types.
 */
final class ContainerRule extends BaseRule {
    private final String rel;
    private final EndType b;
    private final EndType c;
    private final boolean reversed;

    @SuppressWarnings("checkstyle:ParameterNumber")
    ContainerRule(String id, String name, String description, String rel, EndType b, EndType c, boolean reversed) {
        super(id, name, description, Set.of(Conclusion.OBJECT, rel), Set.of(Conclusion.OBJECT));
        this.rel = rel;
        this.b = b;
        this.c = c;
        this.reversed = reversed;
    }

    private String near(Premise d) {
        return reversed ? d.to : d.from;
    }

    private String far(Premise d) {
        return reversed ? d.from : d.to;
    }

    @Override
    public void forward(Premise x, Premises facts, Sink sink) {
        World w = facts.world();
        if (x.type.equals(Conclusion.OBJECT) && EndType.REPORT.test(w, x.from) && b.test(w, x.to)) {
            for (Premise d : reversed ? facts.in(x.to, rel) : facts.out(x.to, rel)) {
                derive(x, d, w, sink);
            }
        }
        if (x.type.equals(rel) && b.test(w, near(x))) {
            for (Premise held : facts.in(near(x), Conclusion.OBJECT)) {
                if (EndType.REPORT.test(w, held.from)) {
                    derive(held, x, w, sink);
                }
            }
        }
    }

    private void derive(Premise held, Premise d, World w, Sink sink) {
        if (c.test(w, far(d))) {
            sink.derive(new Conclusion(Conclusion.OBJECT, held.from, far(d)), held, d);
            sink.derive(new Conclusion(Conclusion.OBJECT, held.from, d.id), held, d);
        }
    }

    @Override
    public void backward(Conclusion k, Premises facts, Sink sink) {
        World w = facts.world();
        if (!k.type().equals(Conclusion.OBJECT) || !EndType.REPORT.test(w, k.from())) {
            return;
        }
        // The report holds D itself ...
        for (Premise d : facts.citing(k.to())) {
            if (d.type.equals(rel) && b.test(w, near(d)) && c.test(w, far(d))) {
                for (Premise held : facts.stating(Conclusion.OBJECT, k.from(), near(d))) {
                    sink.derive(k, held, d);
                }
            }
        }
        // ... or the object at D's far end.
        if (c.test(w, k.to())) {
            for (Premise d : reversed ? facts.out(k.to(), rel) : facts.in(k.to(), rel)) {
                if (b.test(w, near(d))) {
                    for (Premise held : facts.stating(Conclusion.OBJECT, k.from(), near(d))) {
                        sink.derive(k, held, d);
                    }
                }
            }
        }
    }
}
