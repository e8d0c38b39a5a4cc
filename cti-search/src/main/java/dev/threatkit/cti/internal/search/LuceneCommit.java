package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/** What a commit records besides the documents: the last change event it reflects. */
public final class LuceneCommit {
    static final String APPLIED_THROUGH = "cti.appliedThrough";
    static final String FORMAT = "cti.format";
    /** Bumped when the document mapping changes, so an older index is rebuilt rather than misread. */
    public static final String FORMAT_VERSION = "2";

    private LuceneCommit() {}

    /** The last applied event id of the newest commit in {@code dir}, 0 when it has none or another format. */
    public static long appliedThrough(Directory dir) throws IOException {
        if (!org.apache.lucene.index.DirectoryReader.indexExists(dir)) {
            return 0;
        }
        Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
        return appliedThrough(data);
    }

    /** The commit data recording {@code through}. */
    public static Map<String, String> data(long through) {
        return Map.of(APPLIED_THROUGH, Long.toString(through), FORMAT, FORMAT_VERSION);
    }

    /** True when {@code dir} holds an index written with another document mapping. */
    public static boolean otherFormat(Directory dir) throws IOException {
        return org.apache.lucene.index.DirectoryReader.indexExists(dir)
                && !FORMAT_VERSION.equals(
                        SegmentInfos.readLatestCommit(dir).getUserData().get(FORMAT));
    }

    private static long appliedThrough(Map<String, String> data) {
        if (!FORMAT_VERSION.equals(data.get(FORMAT))) {
            return 0;
        }
        String through = data.get(APPLIED_THROUGH);
        return through == null ? 0 : Long.parseLong(through);
    }
}
