package dev.threatkit.cti.graph;

/** Told how far an import of files has got, after each object; for progress bars. */
@FunctionalInterface
public interface ImportProgress {
    /**
     * @param done objects read so far, over all files
     * @param total objects in all files (known before the import starts)
     */
    void progress(long done, long total);

    ImportProgress NONE = (done, total) -> {};
}
