package dev.threatkit.cti.graph;

import java.util.List;

/**
 * The objects within a few relationships of one object, and the relationships between them that were
 * followed.
 *
 * @param nodes the objects reached, the start first, each once, with how many hops away it is
 * @param edges the relationships and sightings followed, each once
 * @param truncated true when the node limit cut the walk short
 */
public record Neighborhood(List<Node> nodes, List<Edge> edges, boolean truncated) {
    public Neighborhood {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** An object of the neighbourhood: stored id, type, name (or value, or null) and distance from the start. */
    public record Node(String id, String type, String name, int depth) {}

    /** A relationship followed: its stored id and type, from its source to its target (or what was sighted). */
    public record Edge(String relationship, String relationshipType, String from, String to) {}
}
