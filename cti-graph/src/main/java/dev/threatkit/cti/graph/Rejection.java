package dev.threatkit.cti.graph;

/**
 * An object an import did not store.
 *
 * @param source the file or stream it came from
 * @param id the object's id as given, or null when it had none
 * @param path JSON path of the problem, rooted at the file ({@code objects[12].created})
 * @param reason what is wrong and what to do about it
 */
public record Rejection(String source, String id, String path, String reason) {}
