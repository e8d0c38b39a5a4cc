package dev.threatkit.cti.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A predefined SCO extension ({@code archive-ext}, {@code windows-pebinary-ext} ...) or a registered
 * extension-definition: the types it applies to and its properties.
 */
public final class ExtensionDef {
    private final String name;
    private final List<String> appliesTo;
    private final Map<String, PropertySpec> properties;

    public ExtensionDef(String name, List<String> appliesTo, Map<String, PropertySpec> properties) {
        this.name = name;
        this.appliesTo = List.copyOf(appliesTo);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String name() {
        return name;
    }

    /** Types this extension may appear on; empty means any. */
    public List<String> appliesTo() {
        return appliesTo;
    }

    public Map<String, PropertySpec> properties() {
        return properties;
    }
}
