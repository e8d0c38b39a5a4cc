package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.search.SearchException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;

/**
 * The order of a page: a sortable property (every date and number of the schema, and the strings of
 * {@link DocumentMapper#SORTABLE_STRINGS}), then the stored id, so that equal values still have one order and a
 * cursor one position. Objects without the property come last either way.
 */
public final class SortSpec {
    private SortSpec() {}

    /** The stored-id order. */
    public static SortField byId() {
        return new SortField(Fields.ID, SortField.Type.STRING);
    }

    /** The sort field for {@code property}. */
    public static SortField of(String property, boolean descending, StixRegistry registry) {
        if (DocumentMapper.SORTABLE_STRINGS.contains(property)) {
            SortField f = new SortField(Fields.sort(property), SortField.Type.STRING, descending);
            f.setMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
            return f;
        }
        PropertyKind kind = kindOf(property, registry);
        if (kind == PropertyKind.TIMESTAMP || kind == PropertyKind.INTEGER) {
            SortField f = new SortedNumericSortField(Fields.number(property), SortField.Type.LONG, descending);
            f.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE);
            return f;
        }
        if (kind == PropertyKind.FLOAT) {
            SortField f = new SortedNumericSortField(Fields.decimal(property), SortField.Type.DOUBLE, descending);
            f.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            return f;
        }
        throw new SearchException("cannot sort on \"" + property + "\"; sortable are "
                + String.join(", ", sortable(registry)) + " and the other dates and numbers of the schema");
    }

    private static PropertyKind kindOf(String property, StixRegistry registry) {
        for (Category c : Category.values()) {
            PropertySpec spec = registry.commonProperties(c).get(property);
            if (spec != null) {
                return spec.kind();
            }
        }
        for (TypeDef def : registry.types()) {
            PropertySpec spec = def.property(property);
            if (spec != null
                    && (spec.kind() == PropertyKind.TIMESTAMP
                            || spec.kind() == PropertyKind.INTEGER
                            || spec.kind() == PropertyKind.FLOAT)) {
                return spec.kind();
            }
        }
        return null;
    }

    private static Set<String> sortable(StixRegistry registry) {
        Set<String> names = new TreeSet<>(DocumentMapper.SORTABLE_STRINGS);
        names.add("created");
        names.add("modified");
        names.add("confidence");
        for (TypeDef def : registry.types()) {
            for (var e : def.properties().entrySet()) {
                PropertyKind k = e.getValue().kind();
                if (k == PropertyKind.TIMESTAMP && names.size() < 30) {
                    names.add(e.getKey());
                }
            }
        }
        return names;
    }
}
