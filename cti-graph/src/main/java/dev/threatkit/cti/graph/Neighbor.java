package dev.threatkit.cti.graph;

/**
 * One relationship or sighting of an object, seen from that object.
 *
 * @param relationship the stored id of the relationship or sighting
 * @param relationshipType its relationship_type ({@code sighting} for a sighting)
 * @param direction {@link Direction#OUT} when the object is the source (or what was sighted), else IN
 * @param inferred true when the rule engine produced the relationship
 * @param id the stored id of the object at the other end (the id as given when it is not stored)
 * @param type its STIX type
 * @param name its name, else its value, else null
 */
public record Neighbor(
        String relationship,
        String relationshipType,
        Direction direction,
        boolean inferred,
        String id,
        String type,
        String name) {}
