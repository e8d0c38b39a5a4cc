package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/**
 * One inference rule. A rule finds derivations in two directions: forward, every derivation a new premise takes
 * part in; backward, every derivation of a given conclusion from the premises held now (to re-derive after a
 * retraction). Both must find the same derivations.
 */
public interface Rule {
    /** OpenCTI's rule id (attribution_use ...). */
    String id();

    String name();

    /** What the rule does, in one sentence. */
    String description();

    /** Premise types the rule joins on. */
    Set<String> reads();

    /** Conclusion types the rule produces. */
    Set<String> concludes();

    void forward(Premise p, Premises facts, Sink sink);

    void backward(Conclusion c, Premises facts, Sink sink);

    /** Receives derivations. */
    interface Sink {
        void derive(Conclusion c, Premise... premises);
    }
}
