package dev.threatkit.cti.internal.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads OpenCTI's filter JSON into a {@link FilterGroup}, strictly: every member is known, every value has the
 * right type, duplicate members are refused, and the input is bounded (size, group nesting, values per filter) so
 * hostile input fails fast instead of exhausting the server. Errors name the JSON path of the problem and say
 * what to write instead.
 *
 * <p>Defaults follow OpenCTI: a group without {@code mode} is {@code and}, a filter without {@code mode} is
 * {@code or}, without {@code operator} is {@code eq}; missing {@code filters} and {@code filterGroups} are empty.
 * Numbers and booleans among the values are kept as their JSON text. The values of a {@code regardingOf} filter
 * are conditions ({@code {"key": "id", "values": [...]}}) and become {@link Filter#subFilters()}.
 */
public final class FilterJson {
    /** Largest input, in UTF-8 bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Deepest nesting of filter groups; the top-level group is depth 1. */
    public static final int MAX_DEPTH = 32;
    /** Most values in one filter. */
    public static final int MAX_VALUES = 10_000;

    /** JSON nesting the parser allows at all: room for {@link #MAX_DEPTH} groups and what one filter holds. */
    private static final int MAX_JSON_NESTING = 2 * MAX_DEPTH + 16;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_NESTING)
                    .maxStringLength(MAX_BYTES)
                    .build())
            .build());

    private static final String GROUP_MEMBERS = "mode, filters, filterGroups";
    private static final String FILTER_MEMBERS = "key, values, operator, mode";
    private static final String VALUE_TYPES = "must be an array of strings, numbers or booleans";

    private FilterJson() {}

    /**
     * Parses {@code json}.
     *
     * @throws SearchException when the JSON is malformed, too large or too deep, or does not describe a filter
     *     group
     */
    public static FilterGroup parse(String json) {
        if (json == null) {
            throw new SearchException("the filters are null; give a filter group such as "
                    + "{\"mode\": \"and\", \"filters\": [], \"filterGroups\": []}");
        }
        checkSize(json);
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new SearchException("the filters must be a JSON object such as {\"mode\": \"and\", "
                        + "\"filters\": [{\"key\": [\"name\"], \"values\": [\"APT28\"]}], \"filterGroups\": []}"
                        + (first == null ? "; the input is empty" : ", not " + describe(first)));
            }
            FilterGroup group = group(p, "", 1);
            if (p.nextToken() != null) {
                throw new SearchException("unexpected content after the filter group" + at(p.currentLocation())
                        + "; give exactly one JSON object");
            }
            return group;
        } catch (StreamConstraintsException e) {
            throw new SearchException(
                    "the filter JSON is too deeply nested or too long (" + e.getOriginalMessage() + ")"
                            + at(e.getLocation()) + "; filter groups nest at most " + MAX_DEPTH + " deep",
                    e);
        } catch (JsonProcessingException e) {
            throw new SearchException(
                    "malformed filter JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage()
                            + "; check the quoting, commas and brackets there",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSize(String json) {
        if (json.length() > MAX_BYTES) {
            throw tooLarge(json.length() + " characters");
        }
        long bytes = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            // a surrogate pair is four bytes, two per half
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        if (bytes > MAX_BYTES) {
            throw tooLarge(bytes + " bytes");
        }
    }

    private static SearchException tooLarge(String size) {
        return new SearchException("the filter JSON is " + size + "; the most is " + MAX_BYTES
                + " bytes (4 MB); use fewer values, or several searches");
    }

    private static FilterGroup group(JsonParser p, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new SearchException(
                    "filter groups nest more than " + MAX_DEPTH + " deep at " + path + "; flatten the groups");
        }
        FilterMode mode = null;
        List<Filter> filters = List.of();
        List<FilterGroup> groups = List.of();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "mode":
                    mode = t == JsonToken.VALUE_NULL ? null : mode(p, join(path, "mode"));
                    break;
                case "filters":
                    filters = filters(p, join(path, "filters"));
                    break;
                case "filterGroups":
                    groups = groups(p, join(path, "filterGroups"), depth);
                    break;
                default:
                    throw new SearchException(
                            where(path) + ": unknown member \"" + name + "\"; a filter group has " + GROUP_MEMBERS);
            }
        }
        return new FilterGroup(mode == null ? FilterMode.AND : mode, filters, groups);
    }

    private static List<FilterGroup> groups(JsonParser p, String path, int depth) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expectArray(p, path, "must be an array of filter groups");
        List<FilterGroup> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String item = path + "[" + out.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw new SearchException(
                        item + " must be a filter group object {" + GROUP_MEMBERS + "}, not " + describe(t));
            }
            out.add(group(p, item, depth + 1));
        }
        return out;
    }

    private static List<Filter> filters(JsonParser p, String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expectArray(p, path, "must be an array of filters");
        List<Filter> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String item = path + "[" + out.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw new SearchException(
                        item + " must be a filter object {" + FILTER_MEMBERS + "}, not " + describe(t));
            }
            out.add(filter(p, item));
        }
        return out;
    }

    private static Filter filter(JsonParser p, String path) throws IOException {
        List<String> keys = null;
        List<Object> values = List.of();
        FilterOperator operator = null;
        FilterMode mode = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "key":
                    keys = keys(p, join(path, "key"));
                    break;
                case "values":
                    values = values(p, join(path, "values"));
                    break;
                case "operator":
                    operator = t == JsonToken.VALUE_NULL ? null : operator(p, join(path, "operator"));
                    break;
                case "mode":
                    mode = t == JsonToken.VALUE_NULL ? null : mode(p, join(path, "mode"));
                    break;
                default:
                    throw new SearchException(
                            path + ": unknown member \"" + name + "\"; a filter has " + FILTER_MEMBERS);
            }
        }
        if (keys == null) {
            throw new SearchException(path + ": the filter has no key; add \"key\": [\"name\"] (a property or a "
                    + "special key such as entity_type, ids, objectLabel, regardingOf)");
        }
        return build(path, keys, values, operator, mode);
    }

    private static Filter build(
            String path, List<String> keys, List<Object> values, FilterOperator operator, FilterMode mode) {
        if (keys.contains(RegardingOf.KEY)) {
            if (keys.size() > 1) {
                throw new SearchException(join(path, "key") + ": regardingOf cannot be combined with other keys; "
                        + "put it in a filter of its own");
            }
            List<Filter> conditions = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                String item = join(path, "values") + "[" + i + "]";
                if (!(v instanceof JsonNode)) {
                    throw new SearchException(item + ": the values of regardingOf are conditions such as "
                            + "{\"key\": \"id\", \"values\": [\"malware--...\"]} or {\"key\": \"relationship_type\", "
                            + "\"values\": [\"uses\"]}");
                }
                conditions.add(condition((JsonNode) v, item));
            }
            return new Filter(keys, List.of(), operator, mode, conditions);
        }
        List<String> strings = new ArrayList<>(values.size());
        for (Object v : values) {
            if (!(v instanceof String)) {
                throw new SearchException(join(path, "values") + " " + VALUE_TYPES + "; found an object (only "
                        + "regardingOf takes objects)");
            }
            strings.add((String) v);
        }
        return new Filter(keys, strings, operator, mode, List.of());
    }

    /** One condition of regardingOf, read from the tree kept while the filter's key was still unknown. */
    private static Filter condition(JsonNode node, String path) {
        List<String> keys = null;
        List<String> values = List.of();
        FilterOperator operator = null;
        FilterMode mode = null;
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode v = member.getValue();
            String at = join(path, member.getKey());
            switch (member.getKey()) {
                case "key":
                    keys = conditionKeys(v, at);
                    break;
                case "values":
                    values = conditionValues(v, at);
                    break;
                case "operator":
                    operator = v.isNull() ? null : operatorNamed(text(v, at, "an operator name"), at);
                    break;
                case "mode":
                    mode = v.isNull() ? null : modeNamed(text(v, at, "\"and\" or \"or\""), at);
                    break;
                default:
                    throw new SearchException(path + ": unknown member \"" + member.getKey()
                            + "\"; a regardingOf condition has " + FILTER_MEMBERS);
            }
        }
        if (keys == null) {
            throw new SearchException(path + ": the condition has no key; use " + RegardingOf.CONDITION_KEYS);
        }
        return new Filter(keys, values, operator, mode, List.of());
    }

    private static List<String> conditionKeys(JsonNode v, String path) {
        List<String> keys = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode k : v) {
                keys.add(text(k, path, "a key name"));
            }
        } else {
            keys.add(text(v, path, "a key name"));
        }
        if (keys.isEmpty()) {
            throw new SearchException(path + " is empty; use " + RegardingOf.CONDITION_KEYS);
        }
        for (String k : keys) {
            if (!RegardingOf.isConditionKey(k)) {
                throw new SearchException(
                        path + ": unknown regardingOf key \"" + k + "\"; use " + RegardingOf.CONDITION_KEYS);
            }
        }
        return keys;
    }

    private static List<String> conditionValues(JsonNode v, String path) {
        if (!v.isArray()) {
            throw new SearchException(path + " " + VALUE_TYPES);
        }
        if (v.size() > MAX_VALUES) {
            throw tooManyValues(path);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull()) {
                throw new SearchException(path + " " + VALUE_TYPES + (e.isNull() ? "; null is not a value" : ""));
            }
            out.add(e.asText());
        }
        return out;
    }

    private static String text(JsonNode v, String path, String what) {
        if (!v.isTextual()) {
            throw new SearchException(path + " must be " + what + " (a string)");
        }
        return v.textValue();
    }

    private static List<String> keys(JsonParser p, String path) throws IOException {
        List<String> keys = new ArrayList<>();
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            keys.add(p.getText());
        } else if (t == JsonToken.START_ARRAY) {
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_STRING) {
                    throw new SearchException(
                            path + " must be a key name or an array of key names, and holds " + describe(t));
                }
                keys.add(p.getText());
            }
        } else {
            throw new SearchException(path + " must be a key name or an array of key names, not " + describe(t));
        }
        if (keys.isEmpty()) {
            throw new SearchException(path + " is empty; name at least one key, such as [\"name\"]");
        }
        for (String k : keys) {
            if (k.isBlank()) {
                throw new SearchException(path + " holds an empty key name");
            }
        }
        return keys;
    }

    /** Scalars as their text; objects as trees (they are regardingOf conditions, checked once the key is known). */
    private static List<Object> values(JsonParser p, String path) throws IOException {
        expectArray(p, path, VALUE_TYPES);
        List<Object> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (out.size() == MAX_VALUES) {
                throw tooManyValues(path);
            }
            switch (t) {
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                    out.add(p.getText());
                    break;
                case START_OBJECT:
                    out.add(p.readValueAsTree());
                    break;
                case VALUE_NULL:
                    throw new SearchException(path + "[" + out.size() + "] is null; " + path + " " + VALUE_TYPES
                            + " (use the nil operator to find objects without the property)");
                default:
                    throw new SearchException(path + " " + VALUE_TYPES + "; found " + describe(t));
            }
        }
        return out;
    }

    private static SearchException tooManyValues(String path) {
        return new SearchException(path + " has more than " + MAX_VALUES + " values; the most is " + MAX_VALUES
                + " per filter: split the values over several filters in an \"or\" group");
    }

    private static FilterOperator operator(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new SearchException(
                    path + " must be an operator name such as \"eq\", not " + describe(p.currentToken()));
        }
        return operatorNamed(p.getText(), path);
    }

    static FilterOperator operatorNamed(String name, String path) {
        for (FilterOperator op : FilterOperator.values()) {
            if (op.jsonName().equals(name)) {
                return op;
            }
        }
        String valid = Arrays.stream(FilterOperator.values())
                .map(FilterOperator::jsonName)
                .collect(Collectors.joining(", "));
        String unsupported =
                Arrays.asList("script", "only_eq_to", "not_only_eq_to").contains(name)
                        ? " (OpenCTI's " + name + " is not supported here)"
                        : "";
        throw new SearchException(path + ": unknown operator \"" + name + "\"" + unsupported + "; use one of " + valid);
    }

    private static FilterMode mode(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new SearchException(path + " must be \"and\" or \"or\", not " + describe(p.currentToken()));
        }
        return modeNamed(p.getText(), path);
    }

    private static FilterMode modeNamed(String name, String path) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "and":
                return FilterMode.AND;
            case "or":
                return FilterMode.OR;
            default:
                throw new SearchException(path + ": unknown mode \"" + name + "\"; use \"and\" or \"or\"");
        }
    }

    private static void expectArray(JsonParser p, String path, String what) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new SearchException(path + " " + what + ", not " + describe(p.currentToken()));
        }
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the filter group" : path;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
