package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.search.DateCount;
import dev.threatkit.cti.search.DateInterval;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Time-series widgets: how many documents of a query have a date in each day, week or month (UTC). Documents are
 * first counted per day, one cheap division per document, and the few distinct days are then folded into
 * buckets; the empty buckets between the first and last are filled in, up to {@link #MAX_BUCKETS}.
 */
public final class Histograms {
    /** The most buckets one histogram returns; a line of more points is no longer readable anyway. */
    public static final int MAX_BUCKETS = 10_000;

    private static final long DAY_MILLIS = 86_400_000L;

    private Histograms() {}

    /**
     * The histogram of {@code property} over the documents of {@code match}. The property must be a timestamp of
     * the schema, or one the index holds as a date (custom properties).
     */
    public static List<DateCount> count(
            IndexSearcher searcher, Query match, String property, DateInterval interval, StixRegistry registry)
            throws IOException {
        if (property == null || !isDate(property, searcher, registry)) {
            throw new SearchException("cannot draw a histogram of \"" + property + "\": it is not a timestamp "
                    + "property; give one of " + String.join(", ", schemaDates(registry)));
        }
        if (interval == null) {
            throw new SearchException("give an interval: DAY, WEEK or MONTH");
        }
        NumericCounter.Counts perDay = NumericCounter.count(
                searcher, match, Fields.number(property), millis -> Math.floorDiv(millis, DAY_MILLIS));
        if (perDay.byKey().isEmpty()) {
            return List.of();
        }
        TreeMap<LocalDate, Long> buckets = new TreeMap<>();
        for (Map.Entry<Long, Long> day : perDay.byKey().entrySet()) {
            LocalDate start = interval.bucketStart(LocalDate.ofEpochDay(day.getKey()));
            buckets.merge(start, day.getValue(), Long::sum);
        }
        LocalDate first = buckets.firstKey();
        LocalDate last = buckets.lastKey();
        long n = interval.bucketsBetween(first, last);
        if (n > MAX_BUCKETS) {
            throw new SearchException("a histogram of \"" + property + "\" by "
                    + interval.name().toLowerCase(Locale.ROOT)
                    + " would have " + n + " buckets (" + first + " to " + last + "); the most is " + MAX_BUCKETS
                    + ": use a coarser interval, or narrow the dates with a within filter");
        }
        List<DateCount> out = new ArrayList<>((int) n);
        for (LocalDate d = first; !d.isAfter(last); d = interval.next(d)) {
            out.add(new DateCount(d, buckets.getOrDefault(d, 0L)));
        }
        return out;
    }

    private static boolean isDate(String property, IndexSearcher searcher, StixRegistry registry) {
        if (schemaDates(registry).contains(property)) {
            return true;
        }
        // timestamps are the only values indexed as long points under n.<property>; integers are not
        FieldInfo info =
                FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(Fields.number(property));
        return info != null && info.getPointDimensionCount() > 0;
    }

    /** Every top-level timestamp property of the schema, sorted. */
    static Set<String> schemaDates(StixRegistry registry) {
        Set<String> names = new TreeSet<>();
        for (Category c : Category.values()) {
            registry.commonProperties(c).forEach((name, spec) -> addIfDate(names, name, spec));
        }
        for (TypeDef def : registry.types()) {
            def.properties().forEach((name, spec) -> addIfDate(names, name, spec));
        }
        return names;
    }

    private static void addIfDate(Set<String> names, String name, PropertySpec spec) {
        if (spec.kind() == PropertyKind.TIMESTAMP) {
            names.add(name);
        }
    }
}
