package dev.threatkit.cti.graph;

import java.util.List;

/**
 * What an import did. Every object read is counted once: created, updated, unchanged or rejected.
 *
 * @param files number of files (1 for a stream)
 * @param objects objects read
 * @param created objects stored for the first time
 * @param updated stored objects that changed
 * @param unchanged objects that changed nothing (already stored, or older than what is stored)
 * @param rejected objects not stored, each with its reason
 * @param warnings the first {@link #MAX_WARNINGS} warnings
 * @param warningCount how many warnings there were in all
 * @param seconds wall time
 * @param lastEventId the id of the last change event the import wrote (0 when it wrote none)
 * @param unreadable files that could not be read to their end; nothing from them was stored
 */
public record ImportReport(
        int files,
        long objects,
        long created,
        long updated,
        long unchanged,
        List<Rejection> rejected,
        List<ImportWarning> warnings,
        long warningCount,
        double seconds,
        long lastEventId,
        List<Rejection> unreadable) {
    /** Warnings beyond this many are counted, not kept. */
    public static final int MAX_WARNINGS = 10_000;

    public ImportReport {
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
        unreadable = List.copyOf(unreadable);
    }

    /** This report with {@code files} added to {@link #unreadable}. */
    public ImportReport withUnreadable(List<Rejection> files) {
        List<Rejection> all = new java.util.ArrayList<>(unreadable);
        all.addAll(files);
        return new ImportReport(
                this.files,
                objects,
                created,
                updated,
                unchanged,
                rejected,
                warnings,
                warningCount,
                seconds,
                lastEventId,
                all);
    }

    /** True when nothing was rejected and every file was read. */
    public boolean ok() {
        return rejected.isEmpty() && unreadable.isEmpty();
    }
}
