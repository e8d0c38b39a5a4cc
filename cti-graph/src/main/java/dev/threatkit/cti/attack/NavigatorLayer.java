package dev.threatkit.cti.attack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link Coverage} as an ATT&amp;CK Navigator layer, layer format 4.5: {@code name}, {@code versions}
 * ({@code attack} when known, {@code navigator}, {@code layer}), {@code domain}, {@code description}, one
 * {@code techniques} entry per covered technique of the domain, {@code gradient}, {@code legendItems} and
 * {@code metadata}.
 *
 * <p>A technique used directly scores 1; one covered only through a sub-technique or attribution scores 0.5. Each
 * entry's {@code comment} names every path ({@code "used directly; sub-technique T1003.001 used by C0024 SolarWinds
 * Compromise (attributed)"}), and its {@code metadata} carries the technique's STIX id and the via list. Entries
 * carry no {@code tactic}, so the Navigator shows each under every tactic of the technique; parents covered
 * through a sub-technique have {@code showSubtechniques} set.
 */
public final class NavigatorLayer {
    /** The layer format written. */
    public static final String LAYER_FORMAT = "4.5";
    /** The Navigator version written in {@code versions.navigator}. */
    public static final String NAVIGATOR_VERSION = "5.2.0";

    /** The domains the Navigator knows. */
    public static final Set<String> DOMAINS = Set.of("enterprise-attack", "mobile-attack", "ics-attack");

    static final String DIRECT_COLOR = "#e60d0d";
    static final String INDIRECT_COLOR = "#f28686";
    private static final JsonFactory FACTORY = new JsonFactory();

    private NavigatorLayer() {}

    /**
     * The domain a coverage's layer defaults to: the entity's first {@code x_mitre_domains} value the Navigator
     * knows, else {@code enterprise-attack}.
     */
    public static String defaultDomain(Coverage coverage) {
        for (String d : coverage.domains()) {
            if (DOMAINS.contains(d)) {
                return d;
            }
        }
        return "enterprise-attack";
    }

    /** The techniques a layer of {@code domain} holds: those of the domain, and those that name no domain. */
    public static List<CoveredTechnique> techniques(Coverage coverage, String domain) {
        List<CoveredTechnique> out = new ArrayList<>();
        for (CoveredTechnique t : coverage.techniques()) {
            if (t.externalId() != null && (t.domains().isEmpty() || t.domains().contains(domain))) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The layer as pretty-printed JSON.
     *
     * @param domain the layer's domain; null for {@link #defaultDomain}
     * @param attackVersion the ATT&amp;CK version for {@code versions.attack} ({@code "18"}); null to leave it out,
     *     which the Navigator reads as its current version
     */
    public static String toJson(Coverage coverage, String domain, String attackVersion) {
        StringWriter w = new StringWriter();
        write(coverage, domain, attackVersion, w);
        return w.toString();
    }

    /** Writes the layer to {@code out} (not closed); see {@link #toJson}. */
    public static void write(Coverage coverage, String domain, String attackVersion, Writer out) {
        String d = domain == null ? defaultDomain(coverage) : domain;
        String who = label(coverage);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("name", who + " techniques");
            g.writeObjectFieldStart("versions");
            if (attackVersion != null) {
                g.writeStringField("attack", attackVersion);
            }
            g.writeStringField("navigator", NAVIGATOR_VERSION);
            g.writeStringField("layer", LAYER_FORMAT);
            g.writeEndObject();
            g.writeStringField("domain", d);
            g.writeStringField(
                    "description",
                    "Techniques " + who + " uses directly (score 1), or covers through a sub-technique or a campaign"
                            + " or intrusion set attributed to it (score 0.5). Exported by ThreatKit CTI.");
            g.writeBooleanField("hideDisabled", false);
            g.writeArrayFieldStart("techniques");
            for (CoveredTechnique t : techniques(coverage, d)) {
                writeTechnique(g, t);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("gradient");
            g.writeArrayFieldStart("colors");
            g.writeString("#ffffff");
            g.writeString(DIRECT_COLOR);
            g.writeEndArray();
            g.writeNumberField("minValue", 0);
            g.writeNumberField("maxValue", 1);
            g.writeEndObject();
            g.writeArrayFieldStart("legendItems");
            legend(g, "used directly (score 1)", DIRECT_COLOR);
            legend(g, "through a sub-technique or attribution (score 0.5)", INDIRECT_COLOR);
            g.writeEndArray();
            g.writeArrayFieldStart("metadata");
            metadata(g, "stix_id", coverage.id());
            metadata(g, "type", coverage.type());
            metadata(g, "techniques", Integer.toString(techniques(coverage, d).size()));
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTechnique(JsonGenerator g, CoveredTechnique t) throws IOException {
        g.writeStartObject();
        g.writeStringField("techniqueID", t.externalId());
        if (t.direct()) {
            g.writeNumberField("score", 1);
        } else {
            g.writeNumberField("score", 0.5);
        }
        g.writeStringField("comment", t.paths().stream().map(UsePath::describe).collect(Collectors.joining("; ")));
        g.writeBooleanField("enabled", true);
        g.writeArrayFieldStart("metadata");
        metadata(g, "stix_id", t.id());
        metadata(g, "via", t.via().stream().map(Via::jsonName).collect(Collectors.joining(", ")));
        g.writeEndArray();
        if (t.via().contains(Via.SUBTECHNIQUE)) {
            g.writeBooleanField("showSubtechniques", true);
        }
        g.writeEndObject();
    }

    private static void legend(JsonGenerator g, String label, String color) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", label);
        g.writeStringField("color", color);
        g.writeEndObject();
    }

    private static void metadata(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value == null ? "" : value);
        g.writeEndObject();
    }

    private static String label(Coverage c) {
        String name = c.name() == null ? c.id() : c.name();
        return c.externalId() == null ? name : name + " (" + c.externalId() + ")";
    }
}
