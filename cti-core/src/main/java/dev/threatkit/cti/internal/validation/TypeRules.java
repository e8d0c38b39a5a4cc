package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.stix.StixProperties;
import java.util.List;
import java.util.Set;

/**
 * The MUST rules that tie several properties of one type together, which a per-property schema cannot say
 * (spec sections 4 to 7; stix-spec.md "Other cross-field rules").
 */
final class TypeRules {
    private static final String[] NOT_RELATABLE = {
        "bundle", "marking-definition", "language-content", "extension-definition", "relationship", "sighting"
    };
    private static final Set<String> TLP_KEYS =
            Set.of("type", "spec_version", "id", "created", "definition_type", "name", "definition");
    private static final Set<String> SCO_BOOKKEEPING =
            Set.of("type", "id", "spec_version", "object_marking_refs", "granular_markings", "defanged", "extensions");

    private TypeRules() {}

    static void check(ObjectCheck c) {
        // the registry's name of a known type has its hash cached; the parsed type string would be hashed anew
        switch (c.def != null ? c.def.type() : c.type) {
            case "indicator":
                c.order("valid_from", "valid_until", true);
                indicatorPattern(c);
                break;
            case "observed-data":
                observedData(c);
                break;
            case "sighting":
                c.order("first_seen", "last_seen", false);
                break;
            case "relationship":
                relationship(c);
                break;
            case "campaign":
            case "intrusion-set":
            case "infrastructure":
            case "malware":
            case "threat-actor":
            case "incident":
                c.order("first_seen", "last_seen", false);
                if (c.type.equals("malware")) {
                    malware(c);
                }
                break;
            case "malware-analysis":
                if (c.props.get("product") instanceof String product
                        && (!product.equals(product.toLowerCase(java.util.Locale.ROOT))
                                || product.indexOf(' ') >= 0
                                || product.indexOf('_') >= 0)) {
                    c.should(
                            c.at("product"),
                            "product \"" + product + "\" should be lowercase with hyphens between words");
                }
                break;
            case "location":
                location(c);
                break;
            case "marking-definition":
                markingDefinition(c);
                break;
            case "extension-definition":
                extensionDefinition(c);
                break;
            case "language-content":
                languageContent(c);
                break;
            case "file":
                if (!c.props.containsKey("hashes") && !c.props.containsKey("name")) {
                    c.error(c.objectPath(), "a file must have hashes or name");
                }
                charset(c, "name_enc");
                break;
            case "directory":
                charset(c, "path_enc");
                break;
            case "artifact":
                artifact(c);
                break;
            case "network-traffic":
                networkTraffic(c);
                break;
            case "email-message":
                emailMessage(c);
                break;
            case "ipv4-addr":
                value(c, Formats::isIpv4, "an IPv4 address or CIDR block (198.51.100.0/24)");
                break;
            case "ipv6-addr":
                value(c, Formats::isIpv6, "an IPv6 address or CIDR block (2001:db8::/32)");
                break;
            case "mac-addr":
                value(c, Formats::isMac, "a MAC address of lowercase colon-separated pairs (d2:fb:49:24:37:18)");
                break;
            case "email-addr":
                value(c, Formats::isEmail, "an e-mail address (user@example.com)");
                break;
            case "url":
                value(c, Formats::isUrl, "a URL (RFC 3986: scheme:rest)");
                break;
            case "software":
                software(c);
                break;
            case "windows-registry-key":
                registryKey(c);
                atLeastOneProperty(c);
                break;
            case "user-account":
            case "x509-certificate":
                atLeastOneProperty(c);
                break;
            default:
                break;
        }
        if (c.value("lang") instanceof String lang && !Formats.isLanguageTag(lang)) {
            c.error(c.at("lang"), "\"" + lang + "\" is not an RFC 5646 language tag (en, fr-CA)");
        }
    }

    private static void indicatorPattern(ObjectCheck c) {
        Object pattern = c.props.get("pattern");
        if (!"stix".equals(c.props.get("pattern_type")) || !(pattern instanceof String)) {
            return;
        }
        String problem = PatternLint.problem((String) pattern);
        if (problem != null) {
            c.error(c.at("pattern"), "invalid STIX pattern: " + problem);
        }
    }

    private static void observedData(ObjectCheck c) {
        boolean objects = c.props.containsKey("objects");
        boolean refs = c.props.containsKey("object_refs");
        if (objects == refs) {
            c.error(c.objectPath(), "observed-data needs exactly one of object_refs and (deprecated) objects");
        }
        if (objects) {
            c.should(c.at("objects"), "objects is deprecated in STIX 2.1; list the SCOs in object_refs");
        }
        c.order("first_observed", "last_observed", false);
    }

    private static void relationship(ObjectCheck c) {
        for (String end : RELATIONSHIP_ENDS) {
            String ref = c.value(end) instanceof String s ? s : null;
            int sep = ref == null ? -1 : ref.indexOf("--");
            if (ref != null && ref.equals(c.id)) { // c.id: the object's id when it is a string
                c.error(c.at(end), "a relationship cannot have itself as an end");
            } else if (sep > 0 && c.options.openCti() && ref.startsWith("relationship--")) {
                // OpenCTI relates relationships: a targeting located at a place, an indicator of a usage.
                c.warning(
                        c.at(end),
                        "STIX 2.1 relationships link SDOs and SCOs; a relationship as an end is OpenCTI's extension");
            } else if (sep > 0 && notRelatable(ref, sep)) {
                c.error(
                        c.at(end),
                        "relationships cannot link bundles, marking definitions, language content, "
                                + "extension definitions, relationships or sightings (" + ref.substring(0, sep) + ")");
            }
        }
        c.order("start_time", "stop_time", true);
        Object rt = c.value("relationship_type");
        if (rt instanceof String && !Formats.isRelationshipType((String) rt)) {
            c.error(
                    c.at("relationship_type"),
                    "\"" + rt + "\" contains invalid characters: use lowercase ASCII "
                            + "letters, digits and hyphens, 3 to 250 characters");
        }
    }

    private static final String[] RELATIONSHIP_ENDS = {"source_ref", "target_ref"};

    private static boolean notRelatable(String ref, int sep) {
        for (String t : NOT_RELATABLE) {
            if (t.length() == sep && ref.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    private static void malware(ObjectCheck c) {
        if (Boolean.TRUE.equals(c.props.get("is_family")) && !c.props.containsKey("name")) {
            c.error(c.at("name"), "a malware family (is_family true) must have a name");
        }
    }

    private static final Set<String> ISO_COUNTRIES = Set.of(java.util.Locale.getISOCountries());

    private static void location(ObjectCheck c) {
        if (c.props.get("country") instanceof String country && !ISO_COUNTRIES.contains(country)) {
            c.should(
                    c.at("country"),
                    "country \"" + country + "\" should be an ISO 3166-1 alpha-2 code (\"DE\", \"US\")");
        }
        boolean lat = c.props.containsKey("latitude");
        boolean lon = c.props.containsKey("longitude");
        if (lat != lon) {
            c.error(c.at(lat ? "longitude" : "latitude"), "latitude and longitude must be given together");
        }
        if (c.props.containsKey("precision") && !(lat && lon)) {
            c.error(c.at("precision"), "precision needs latitude and longitude");
        }
        if (!c.props.containsKey("region") && !c.props.containsKey("country") && !(lat && lon)) {
            c.error(c.objectPath(), "a location needs region, country, or latitude and longitude");
        }
    }

    private static void markingDefinition(ObjectCheck c) {
        boolean hasType = c.props.containsKey("definition_type");
        boolean hasDefinition = c.props.containsKey("definition");
        if (!c.props.containsKey("extensions") && !(hasType && hasDefinition)) {
            c.error(c.objectPath(), "a marking definition needs definition_type and definition, or extensions");
        } else if (hasType != hasDefinition) {
            c.error(c.objectPath(), "definition_type and definition come together");
        }
        String definitionType = c.props.getString("definition_type");
        StixProperties definition = c.props.getObject("definition");
        if ("tlp".equals(definitionType) && definition != null) {
            Tlp.Level level = Tlp.byName(definition.getString("tlp"));
            if (level == null || !"tlp".equals(definitionType)) {
                c.error(c.at("definition.tlp"), "tlp must be white, green, amber or red");
            } else if (!level.stixId().equals(c.id)
                    || !"2017-01-20T00:00:00.000Z".equals(c.props.get("created"))
                    || !TLP_KEYS.containsAll(c.props.keySet())) {
                c.error(
                        c.objectPath(),
                        "TLP marking definitions must be exactly the STIX 2.1 TLP objects (" + level.label() + " is "
                                + level.stixId() + ", created 2017-01-20T00:00:00.000Z)");
            }
        } else if ("statement".equals(definitionType)
                && definition != null
                && !(definition.get("statement") instanceof String)) {
            c.error(c.at("definition.statement"), "a statement marking needs definition.statement as a string");
        } else if (hasType
                && definitionType != null
                && !"tlp".equals(definitionType)
                && !"statement".equals(definitionType)) {
            c.should(c.at("definition_type"), "definition_type should be tlp or statement");
        }
        for (Object ref : c.props.getList("object_marking_refs")) {
            if (ref != null && ref.equals(c.id)) {
                c.error(c.at("object_marking_refs"), "a marking definition must not mark itself (circular reference)");
            }
        }
        for (Object g : c.props.getList("granular_markings")) {
            if (g instanceof StixProperties && c.id != null && c.id.equals(((StixProperties) g).get("marking_ref"))) {
                c.error(c.at("granular_markings"), "a marking definition must not mark itself (circular reference)");
            }
        }
        if (hasDefinition && !(c.props.get("definition") instanceof StixProperties)) {
            c.error(c.at("definition"), "definition must be an object");
        }
    }

    private static void extensionDefinition(ObjectCheck c) {
        List<Object> types = c.props.getList("extension_types");
        boolean toplevel = types != null && types.contains("toplevel-property-extension");
        if (c.props.containsKey("extension_properties") && !toplevel) {
            c.error(
                    c.at("extension_properties"),
                    "extension_properties is only allowed with the " + "toplevel-property-extension extension type");
        }
        if (toplevel
                && (c.props.getList("extension_properties") == null
                        || c.props.getList("extension_properties").isEmpty())) {
            c.should(
                    c.at("extension_properties"),
                    "a toplevel-property-extension should list the property names it adds in extension_properties");
        }
        if (!(c.props.get("description") instanceof String d) || d.isBlank()) {
            c.should(c.at("description"), "an extension-definition should have a description of what it defines");
        }
    }

    private static void languageContent(ObjectCheck c) {
        StixProperties contents = c.props.getObject("contents");
        if (contents == null) {
            return;
        }
        for (int i = 0; i < contents.size(); i++) {
            String lang = contents.keyAt(i);
            if (!Formats.isLanguageTag(lang)) {
                c.error(c.at("contents").child(lang), "\"" + lang + "\" is not an RFC 5646 language tag");
            }
            if (contents.valueAt(i) instanceof StixProperties) {
                StixProperties fields = (StixProperties) contents.valueAt(i);
                for (int j = 0; j < fields.size(); j++) {
                    if (!Formats.isPropertyName(fields.keyAt(j))) {
                        c.error(
                                c.at("contents").child(lang).child(fields.keyAt(j)),
                                "\"" + fields.keyAt(j)
                                        + "\" is not a property name; contents mirror the translated object's properties");
                    }
                }
            }
        }
    }

    private static void artifact(ObjectCheck c) {
        boolean url = c.props.containsKey("url");
        boolean payload = c.props.containsKey("payload_bin");
        if (url == payload) {
            c.error(c.objectPath(), "an artifact needs exactly one of payload_bin and url");
        }
        if (c.props.containsKey("decryption_key") && !c.props.containsKey("encryption_algorithm")) {
            c.error(c.at("decryption_key"), "decryption_key needs encryption_algorithm");
        }
        if (url && !c.props.containsKey("hashes")) {
            c.error(c.at("hashes"), "an artifact given by url must carry hashes");
        }
        Object mime = c.props.get("mime_type");
        if (mime instanceof String && !Formats.isMimeType((String) mime)) {
            c.error(c.at("mime_type"), "\"" + mime + "\" is not an IANA media type (application/zip, text/plain ...)");
        }
        Object u = c.props.get("url");
        if (u instanceof String && !Formats.isUrl((String) u)) {
            c.error(c.at("url"), "\"" + u + "\" is not a URL (RFC 3986: scheme:rest)");
        }
    }

    private static void networkTraffic(ObjectCheck c) {
        if (!c.props.containsKey("src_ref") && !c.props.containsKey("dst_ref")) {
            c.error(c.objectPath(), "network-traffic needs at least one of src_ref and dst_ref");
        }
        if (Boolean.TRUE.equals(c.props.get("is_active")) && c.props.containsKey("end")) {
            c.error(c.at("end"), "an active flow (is_active true) must not have an end");
        }
        c.order("start", "end", false);
    }

    private static void emailMessage(ObjectCheck c) {
        Object multipart = c.props.get("is_multipart");
        if (Boolean.TRUE.equals(multipart) && c.props.containsKey("body")) {
            c.error(c.at("body"), "a multipart message (is_multipart true) carries its body in body_multipart");
        }
        if (Boolean.FALSE.equals(multipart) && c.props.containsKey("body_multipart")) {
            c.error(c.at("body_multipart"), "is_multipart is false, so body_multipart must not be present");
        }
    }

    private static void software(ObjectCheck c) {
        Object cpe = c.props.get("cpe");
        if (cpe instanceof String && !Formats.isCpe((String) cpe)) {
            c.error(c.at("cpe"), "\"" + cpe + "\" is not a CPE 2.3 formatted string (cpe:2.3:part:vendor:...)");
        }
        List<Object> languages = c.props.getList("languages");
        for (int i = 0; i < languages.size(); i++) {
            Object l = languages.get(i);
            if (l instanceof String && !Formats.isLanguageTag((String) l)) {
                c.error(c.at("languages").index(i), "\"" + l + "\" is not an RFC 5646 language tag");
            }
        }
    }

    private static void registryKey(ObjectCheck c) {
        Object key = c.props.get("key");
        if (key instanceof String && ((String) key).matches("(?i)^(HKLM|HKCC|HKCR|HKCU|HKU)\\b.*")) {
            c.error(c.at("key"), "\"" + key + "\" must spell out its hive (HKEY_LOCAL_MACHINE, not HKLM)");
        }
    }

    private static void charset(ObjectCheck c, String property) {
        Object v = c.props.get(property);
        if (v instanceof String && !Formats.isCharset((String) v)) {
            c.error(c.at(property), "\"" + v + "\" is not an IANA registered character set");
        }
    }

    private static void value(ObjectCheck c, java.util.function.Predicate<String> format, String what) {
        Object v = c.props.get("value");
        if (v instanceof String && !format.test((String) v)) {
            c.error(c.at("value"), "\"" + v + "\" is not " + what);
        }
    }

    private static void atLeastOneProperty(ObjectCheck c) {
        for (int i = 0; i < c.props.size(); i++) {
            if (!SCO_BOOKKEEPING.contains(c.props.keyAt(i))) {
                return;
            }
        }
        c.error(c.objectPath(), "a " + c.type + " must have at least one property besides its bookkeeping ones");
    }
}
