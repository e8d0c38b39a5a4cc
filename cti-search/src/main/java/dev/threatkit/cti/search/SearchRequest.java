package dev.threatkit.cti.search;

import java.util.List;
import java.util.Objects;

/**
 * What to search for: free text, filters, types, one page of a given size after a cursor, in an order. Without
 * text and without an order, hits come in stored-id order; with text, best first.
 *
 * <pre>{@code
 * SearchRequest.text("APT29").types("Intrusion-Set").limit(5).build()
 * }</pre>
 *
 * @param text the words to look for, as an analyst types them (indicators may be defanged); empty for none
 * @param filters conditions every hit meets, or null
 * @param types STIX types or OpenCTI entity types (parents included: {@code Stix-Cyber-Observable}); any when
 *     empty
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param after the {@link SearchPage#endCursor()} of the previous page, or null for the first page
 * @param includeInactive true to include revoked and deprecated objects
 * @param orderBy a sortable property ({@code name}, {@code created}, {@code confidence} ...), or null for
 *     relevance (with text) or stored id (without)
 * @param descending the direction of {@code orderBy}
 */
public record SearchRequest(
        String text,
        FilterGroup filters,
        List<String> types,
        int limit,
        String after,
        boolean includeInactive,
        String orderBy,
        boolean descending) {
    /** The default page size, as on the command line. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest page: OpenCTI's hard maximum too. */
    public static final int MAX_LIMIT = 5_000;

    public SearchRequest {
        text = text == null ? "" : text;
        types = types == null ? List.of() : List.copyOf(types);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SearchException("limit must be 1 to " + MAX_LIMIT + ", got " + limit
                    + "; page through larger results with the cursor");
        }
        if (text.length() > 10_000) {
            throw new SearchException("search text is " + text.length() + " characters; the most is 10000");
        }
    }

    /** A request for {@code text}. */
    public static Builder text(String text) {
        return new Builder().text(text);
    }

    /** A request with filters and no text. */
    public static Builder filtered(FilterGroup filters) {
        return new Builder().filters(filters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same request for the page after {@code cursor}. */
    public SearchRequest after(String cursor) {
        return new SearchRequest(text, filters, types, limit, cursor, includeInactive, orderBy, descending);
    }

    public static final class Builder {
        private String text = "";
        private FilterGroup filters;
        private List<String> types = List.of();
        private int limit = DEFAULT_LIMIT;
        private String after;
        private boolean includeInactive;
        private String orderBy;
        private boolean descending;

        private Builder() {}

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder filters(FilterGroup filters) {
            this.filters = filters;
            return this;
        }

        public Builder types(String... types) {
            this.types = List.of(types);
            return this;
        }

        public Builder types(List<String> types) {
            this.types = List.copyOf(types);
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder after(String cursor) {
            this.after = cursor;
            return this;
        }

        public Builder includeInactive(boolean include) {
            this.includeInactive = include;
            return this;
        }

        /** Sorts by {@code property}, ascending unless {@code descending}. */
        public Builder orderBy(String property, boolean descending) {
            this.orderBy = property;
            this.descending = descending;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(text, filters, types, limit, after, includeInactive, orderBy, descending);
        }
    }
}
