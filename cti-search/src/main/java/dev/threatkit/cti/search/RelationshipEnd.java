package dev.threatkit.cti.search;

/**
 * Which end of a relationship a "top related" widget groups by: the source ("top users of uses": who uses most)
 * or the target ("top targets of targets": what is targeted most). For a sighting, the source is what was
 * sighted ({@code sighting_of_ref}) and the targets are where it was sighted ({@code where_sighted_refs}).
 */
public enum RelationshipEnd {
    SOURCE,
    TARGET
}
