package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/** The descriptive part every rule shares. */
abstract class BaseRule implements Rule {
    private final String id;
    private final String name;
    private final String description;
    private final Set<String> reads;
    private final Set<String> concludes;

    BaseRule(String id, String name, String description, Set<String> reads, Set<String> concludes) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.reads = Set.copyOf(reads);
        this.concludes = concludes;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Set<String> reads() {
        return reads;
    }

    @Override
    public final Set<String> concludes() {
        return concludes;
    }

    @Override
    public String toString() {
        return id;
    }
}
