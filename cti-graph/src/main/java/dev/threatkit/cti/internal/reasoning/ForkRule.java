package dev.threatkit.cti.internal.reasoning;

import java.util.List;
import java.util.Set;

/** {@code A -left-> B} and {@code A -right-> C} give {@code C -creation-> B}; A, B and C of their end types. */
final class ForkRule extends BaseRule {
    private final String left;
    private final String right;
    private final String creation;
    private final EndType a;
    private final EndType b;
    private final EndType c;

    @SuppressWarnings("checkstyle:ParameterNumber")
    ForkRule(
            String id,
            String name,
            String description,
            String left,
            String right,
            String creation,
            EndType a,
            EndType b,
            EndType c) {
        super(id, name, description, new java.util.HashSet<>(java.util.List.of(left, right)), Set.of(creation));
        this.left = left;
        this.right = right;
        this.creation = creation;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    @Override
    public void forward(Premise x, Premises facts, Sink sink) {
        World w = facts.world();
        if (!a.test(w, x.from)) {
            return;
        }
        if (x.type.equals(left) && b.test(w, x.to)) {
            for (Premise y : facts.out(x.from, right)) {
                if (c.test(w, y.to)) {
                    sink.derive(new Conclusion(creation, y.to, x.to), x, y);
                }
            }
        }
        if (x.type.equals(right) && c.test(w, x.to)) {
            for (Premise y : facts.out(x.from, left)) {
                if (b.test(w, y.to)) {
                    sink.derive(new Conclusion(creation, x.to, y.to), y, x);
                }
            }
        }
    }

    @Override
    public void backward(Conclusion k, Premises facts, Sink sink) {
        World w = facts.world();
        if (!k.type().equals(creation) || !c.test(w, k.from()) || !b.test(w, k.to())) {
            return;
        }
        List<Premise> lefts = facts.in(k.to(), left);
        List<Premise> rights = facts.in(k.from(), right);
        if (lefts.size() <= rights.size()) {
            for (Premise x : lefts) {
                if (a.test(w, x.from)) {
                    for (Premise y : facts.stating(right, x.from, k.from())) {
                        sink.derive(k, x, y);
                    }
                }
            }
        } else {
            for (Premise y : rights) {
                if (a.test(w, y.from)) {
                    for (Premise x : facts.stating(left, y.from, k.to())) {
                        sink.derive(k, x, y);
                    }
                }
            }
        }
    }
}
