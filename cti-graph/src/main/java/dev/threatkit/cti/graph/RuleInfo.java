package dev.threatkit.cti.graph;

/**
 * One inference rule of the store.
 *
 * @param id OpenCTI's rule id, such as {@code attribution_use}
 * @param name a short title
 * @param description what it derives, in one sentence
 * @param enabled whether it runs on this store
 * @param scope the facts it may use (meaningful when enabled)
 */
public record RuleInfo(String id, String name, String description, boolean enabled, RuleScope scope) {}
