package dev.threatkit.cti.search;

/**
 * One object found.
 *
 * @param id its stored STIX id
 * @param type its STIX type
 * @param name its name, else its value, else null
 * @param score how well it matched the text (higher is better; 0 without text)
 */
public record SearchHit(String id, String type, String name, float score) {}
