package dev.threatkit.cti.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one description of every STIX type the library knows: STIX 2.1, MITRE ATT&amp;CK's {@code x-mitre-*} types
 * and OpenCTI's extra types, plus whatever an application registers. Validation, deterministic ids and the
 * 2.0 upgrade read it; nothing else hard-codes type knowledge.
 *
 * <p>Immutable and thread-safe. Extend it with a builder:
 *
 * <pre>{@code
 * StixRegistry registry = StixRegistry.builder()          // starts from the built-in modules
 *         .load(Path.of("acme-types.json"))              // same format as the built-ins (docs/schema-format.md)
 *         .register(TypeDef.builder("x-acme-ticket", Category.SDO)
 *                 .property("name", PropertySpec.builder(PropertyKind.STRING).required(true).build())
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class StixRegistry {
    private static final List<String> BUILT_IN = List.of("stix21.json", "attack.json", "opencti.json");

    private final Map<String, TypeDef> types;
    private final Map<String, Vocabulary> vocabularies;
    private final Map<String, ExtensionDef> extensions;
    private final List<String> modules;
    private final Map<Category, Map<String, PropertySpec>> common;
    private final Map<String, String> aliases;

    private StixRegistry(Builder b) {
        this.aliases = Map.copyOf(b.aliases);
        this.modules = List.copyOf(b.modules);
        Map<Category, Map<String, PropertySpec>> c = new EnumMap<>(Category.class);
        b.common.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.common = Collections.unmodifiableMap(c);
        this.vocabularies = Collections.unmodifiableMap(new LinkedHashMap<>(b.vocabularies));
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
        Map<String, TypeDef> built = new LinkedHashMap<>();
        for (TypeDef.Builder tb : b.types.values()) {
            TypeDef draft = tb.build();
            Map<String, PropertySpec> common = b.common.getOrDefault(draft.category(), Map.of());
            TypeDef.Builder merged = draft.toBuilder().propertiesFirst(common);
            b.typeProperties.getOrDefault(draft.type(), Map.of()).forEach(merged::property);
            built.put(draft.type(), merged.build());
        }
        this.types = Collections.unmodifiableMap(built);
    }

    /** The built-in registry: STIX 2.1, ATT&amp;CK and OpenCTI. */
    public static StixRegistry builtIn() {
        return BuiltIn.INSTANCE;
    }

    private static final class BuiltIn {
        static final StixRegistry INSTANCE = loadBuiltIn(new Builder()).build();
    }

    private static Builder loadBuiltIn(Builder b) {
        for (String file : BUILT_IN) {
            try (InputStream in = StixRegistry.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("built-in schema " + file + " is missing from the jar");
                }
                b.load(in, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b;
    }

    /** A builder that starts from the built-in modules. */
    public static Builder builder() {
        return loadBuiltIn(new Builder());
    }

    /** A builder with nothing registered, for applications that describe every type themselves. */
    public static Builder emptyBuilder() {
        return new Builder();
    }

    /**
     * The type definition, or null when the type is not registered. An alias ({@code x-opencti-case-incident},
     * which OpenCTI exports and reads as {@code case-incident}) gives the definition of the type it stands for.
     */
    public TypeDef type(String type) {
        TypeDef def = types.get(type);
        if (def == null && !aliases.isEmpty()) {
            String target = aliases.get(type);
            return target == null ? null : types.get(target);
        }
        return def;
    }

    /**
     * OpenCTI's entity type of {@code object} (Malware, Sector, City, Threat-Actor-Group ...), or null when its
     * type is unregistered or has no OpenCTI counterpart.
     */
    public String entityType(dev.threatkit.cti.stix.StixObject object) {
        TypeDef def = object.type() == null ? null : type(object.type());
        return def == null ? null : EntityTypes.of(object, def);
    }

    public Collection<TypeDef> types() {
        return types.values();
    }

    public Vocabulary vocabulary(String name) {
        return vocabularies.get(name);
    }

    public Collection<Vocabulary> vocabularies() {
        return vocabularies.values();
    }

    /** A predefined or registered extension by name (or extension-definition id), or null. */
    public ExtensionDef extension(String name) {
        return extensions.get(name);
    }

    public Collection<ExtensionDef> extensions() {
        return extensions.values();
    }

    /** The properties every type of {@code category} has (used for custom types the registry does not know). */
    public Map<String, PropertySpec> commonProperties(Category category) {
        return common.getOrDefault(category, Map.of());
    }

    /** Names of the loaded schema modules, in load order. */
    public List<String> modules() {
        return modules;
    }

    /** Sorted type names, for messages that list what is available. */
    public String typeNames() {
        return String.join(", ", new TreeSet<>(types.keySet()));
    }

    /** Collects modules and definitions; later registrations replace earlier ones of the same name. */
    public static final class Builder {
        private final List<String> modules = new java.util.ArrayList<>();
        private final Map<String, TypeDef.Builder> types = new LinkedHashMap<>();
        private final Map<Category, Map<String, PropertySpec>> common = new EnumMap<>(Category.class);
        private final Map<String, Map<String, PropertySpec>> typeProperties = new HashMap<>();
        private final Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        private final Map<String, ExtensionDef> extensions = new LinkedHashMap<>();
        private final Map<String, String> aliases = new HashMap<>();

        private Builder() {}

        /** Makes {@code alias} another name of {@code type} (same definition, its own id prefix). */
        public Builder alias(String alias, String type) {
            aliases.put(Objects.requireNonNull(alias), Objects.requireNonNull(type));
            return this;
        }

        /** Loads a schema module file (format: docs/schema-format.md). */
        public Builder load(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema module " + file, e);
            }
        }

        /** Loads a schema module from a stream; {@code source} names it in error messages. */
        public Builder load(InputStream in, String source) {
            new SchemaModuleReader(this, source).read(in);
            return this;
        }

        /** Registers (or replaces) a type. Common properties of its category are added when built. */
        public Builder register(TypeDef type) {
            types.put(type.type(), type.toBuilder());
            return this;
        }

        public Builder register(Vocabulary vocabulary) {
            vocabularies.put(vocabulary.name(), vocabulary);
            return this;
        }

        public Builder register(ExtensionDef extension) {
            extensions.put(extension.name(), extension);
            return this;
        }

        /** Adds a property to every type of {@code category} (unless a type defines it itself). */
        public Builder commonProperty(Category category, String name, PropertySpec spec) {
            common.computeIfAbsent(category, c -> new LinkedHashMap<>()).put(name, spec);
            return this;
        }

        /** Adds a property to an existing (or later registered) type, as ATT&amp;CK's x_mitre_* properties. */
        public Builder typeProperty(String type, String name, PropertySpec spec) {
            typeProperties.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, spec);
            return this;
        }

        void module(String name) {
            modules.add(Objects.requireNonNull(name));
        }

        boolean hasVocabulary(String name) {
            return vocabularies.containsKey(name);
        }

        public StixRegistry build() {
            return new StixRegistry(this);
        }
    }
}
