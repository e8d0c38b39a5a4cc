package dev.threatkit.cti.internal.reasoning;

import java.util.List;
import java.util.Set;

/**
 * {@code P -left-> A} and {@code A -right-> B} give {@code P -creation-> B}, or {@code B -creation-> P} when
 * reversed; each of P, A and B must be of its end type.
 */
final class ChainRule extends BaseRule {
    private final String left;
    private final String right;
    private final String creation;
    private final EndType p;
    private final EndType a;
    private final EndType b;
    private final boolean reversed;

    @SuppressWarnings("checkstyle:ParameterNumber")
    ChainRule(
            String id,
            String name,
            String description,
            String left,
            String right,
            String creation,
            EndType p,
            EndType a,
            EndType b,
            boolean reversed) {
        super(id, name, description, new java.util.HashSet<>(java.util.List.of(left, right)), Set.of(creation));
        this.left = left;
        this.right = right;
        this.creation = creation;
        this.p = p;
        this.a = a;
        this.b = b;
        this.reversed = reversed;
    }

    @Override
    public void forward(Premise x, Premises facts, Sink sink) {
        World w = facts.world();
        if (x.type.equals(left) && p.test(w, x.from) && a.test(w, x.to)) {
            for (Premise y : facts.out(x.to, right)) {
                if (b.test(w, y.to)) {
                    sink.derive(conclusion(x.from, y.to), x, y);
                }
            }
        }
        if (x.type.equals(right) && a.test(w, x.from) && b.test(w, x.to)) {
            for (Premise y : facts.in(x.from, left)) {
                if (p.test(w, y.from)) {
                    sink.derive(conclusion(y.from, x.to), y, x);
                }
            }
        }
    }

    @Override
    public void backward(Conclusion c, Premises facts, Sink sink) {
        if (!c.type().equals(creation)) {
            return;
        }
        World w = facts.world();
        String from = reversed ? c.to() : c.from();
        String to = reversed ? c.from() : c.to();
        if (!p.test(w, from) || !b.test(w, to)) {
            return;
        }
        List<Premise> firsts = facts.out(from, left);
        List<Premise> seconds = facts.in(to, right);
        if (firsts.size() <= seconds.size()) {
            for (Premise x : firsts) {
                if (a.test(w, x.to)) {
                    for (Premise y : facts.stating(right, x.to, to)) {
                        sink.derive(c, x, y);
                    }
                }
            }
        } else {
            for (Premise y : seconds) {
                if (a.test(w, y.from)) {
                    for (Premise x : facts.stating(left, from, y.from)) {
                        sink.derive(c, x, y);
                    }
                }
            }
        }
    }

    private Conclusion conclusion(String from, String to) {
        return reversed ? new Conclusion(creation, to, from) : new Conclusion(creation, from, to);
    }
}
