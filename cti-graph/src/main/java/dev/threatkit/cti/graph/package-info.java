/**
 * The knowledge store: {@link dev.threatkit.cti.graph.Cti} and the values it returns. Internals live in
 * {@code dev.threatkit.cti.internal.graph} and are not API.
 */
package dev.threatkit.cti.graph;
