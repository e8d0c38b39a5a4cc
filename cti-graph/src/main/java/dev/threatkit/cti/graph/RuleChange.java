package dev.threatkit.cti.graph;

/**
 * The outcome of enabling or disabling a rule, once the store has caught up.
 *
 * @param rule the rule id
 * @param enabled its state now
 * @param inferred inferred objects and container references created (enabling) or removed (disabling)
 */
public record RuleChange(String rule, boolean enabled, long inferred) {}
