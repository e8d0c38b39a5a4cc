package dev.threatkit.cti.graph;

/**
 * Something an import stored but wants the caller to know: a reference to an object the store does not hold
 * yet, an object changed without a newer {@code modified}, a relationship outside OpenCTI's matrix.
 *
 * @param source the file or stream it came from
 * @param id the object's id as given
 * @param path JSON path, rooted at the file
 * @param message what happened
 */
public record ImportWarning(String source, String id, String path, String message) {}
