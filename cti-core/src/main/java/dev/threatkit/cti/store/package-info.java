/**
 * What a store offers to its projections and callers, without the graph: the caller context, change events
 * and their feed, read access, and the interface a search index implements. The store itself ({@code Cti})
 * lives in cti-graph.
 */
package dev.threatkit.cti.store;
