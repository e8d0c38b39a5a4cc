package dev.threatkit.cti.graph;

import java.nio.file.Path;

/**
 * A finished backup.
 *
 * @param directory where it was written; it opens as a store
 * @param objects objects the backup holds
 * @param lastEventId the last event it includes
 */
public record BackupResult(Path directory, long objects, long lastEventId) {}
