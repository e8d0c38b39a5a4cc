package dev.threatkit.cti.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A qualifier on an observation expression. */
public sealed interface Qualifier {
    /** {@code WITHIN n SECONDS}: all matched observations fall within n seconds (n &gt; 0). */
    record Within(BigDecimal seconds) implements Qualifier {
        public Within {
            Objects.requireNonNull(seconds, "seconds");
        }

        @Override
        public String toString() {
            return "WITHIN " + seconds.toPlainString() + " SECONDS";
        }
    }

    /** {@code REPEATS n TIMES}: n matches on n distinct observations (n &gt; 0). */
    record Repeats(int times) implements Qualifier {
        @Override
        public String toString() {
            return "REPEATS " + times + " TIMES";
        }
    }

    /** {@code START t'x' STOP t'y'}: every matched observation within [x, y). */
    record StartStop(Instant start, Instant stop, String startText, String stopText) implements Qualifier {
        public StartStop {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(stop, "stop");
        }

        @Override
        public String toString() {
            return "START t'" + startText + "' STOP t'" + stopText + "'";
        }
    }
}
