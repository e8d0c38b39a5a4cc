package dev.threatkit.cti.attack;

/**
 * A course of action that {@code mitigates} a technique.
 *
 * @param id its stored id
 * @param externalId its ATT&amp;CK id ({@code M1027}), or null
 * @param name its name
 * @param relationship the stored id of the {@code mitigates} relationship
 * @param description the relationship's description (how it mitigates this technique), or null
 */
public record Mitigation(String id, String externalId, String name, String relationship, String description) {}
