package dev.threatkit.cti.pattern;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A constant on the right of a comparison. Immutable; {@link #toString()} gives its pattern text. */
public sealed interface Literal {
    /** {@code 'text'}. */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return PatternText.quote(value);
        }
    }

    /** An integer (STIX integers fit a signed 64-bit value). */
    record IntegerLiteral(long value) implements Literal {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A float, kept with its text for printing. */
    record FloatLiteral(double value, String text) implements Literal {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean value) implements Literal {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** {@code b'base64'} or {@code h'hex'}: bytes. The array is copied in and out. */
    record BinaryLiteral(byte[] bytes, boolean hex) implements Literal {
        public BinaryLiteral {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BinaryLiteral b && b.hex == hex && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + (hex ? 1 : 0);
        }

        @Override
        public String toString() {
            return hex
                    ? "h'" + HexFormat.of().formatHex(bytes) + "'"
                    : "b'" + Base64.getEncoder().encodeToString(bytes) + "'";
        }
    }

    /** {@code t'2024-01-15T12:30:45.123Z'}, kept with its text (the precision it was written with). */
    record TimestampLiteral(Instant value, String text) implements Literal {
        public TimestampLiteral {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "t'" + text + "'";
        }
    }

    /** {@code (a, b, c)} after IN; may be empty. */
    record SetLiteral(List<Literal> elements) implements Literal {
        public SetLiteral {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(Literal::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
