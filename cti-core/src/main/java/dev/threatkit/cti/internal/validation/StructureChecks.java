package dev.threatkit.cti.internal.validation;

import dev.threatkit.cti.ids.HashAlgorithms;
import dev.threatkit.cti.schema.ExtensionDef;
import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.stix.StixProperties;
import java.util.List;
import java.util.Set;

/**
 * The checks of STIX's structured value types: hashes, dictionaries, kill chain phases, external references,
 * granular markings and extensions. Part of one {@link ObjectCheck} pass, reporting through it.
 */
final class StructureChecks {
    private static final Set<String> EXTENSION_TYPES =
            Set.of("new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");
    private static final PropertySpec MARKING_REF = PropertySpec.builder(PropertyKind.IDENTIFIER)
            .refs(List.of("marking-definition"))
            .build();
    private static final PropertySpec EXTENSION_DEFINITION_REF = PropertySpec.builder(PropertyKind.IDENTIFIER)
            .refs(List.of("extension-definition"))
            .build();

    private final ObjectCheck c;

    StructureChecks(ObjectCheck c) {
        this.c = c;
    }

    void checkHashes(Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(path, "must be a dictionary of hash algorithm to hash value, not " + ObjectCheck.jsonType(value));
            return;
        }
        StixProperties h = (StixProperties) value;
        if (h.isEmpty()) {
            c.error(path, "empty dictionaries are prohibited in STIX; omit the property instead");
        }
        for (int i = 0; i < h.size(); i++) {
            String algo = h.keyAt(i);
            Object hv = h.valueAt(i);
            Where p = path.child(algo);
            if (!Formats.isHashKey(algo)) {
                c.error(p, "hash algorithm name \"" + algo + "\" must be 3 to 250 ASCII letters, digits, '-' or '_'");
            }
            if (!(hv instanceof String)) {
                c.error(p, "hash value must be a string, not " + ObjectCheck.jsonType(hv));
                continue;
            }
            if (!HashAlgorithms.isKnown(algo) && !algo.startsWith("x_")) {
                c.should(
                        p,
                        "hash algorithm \"" + algo + "\" is not in hash-algorithm-ov (MD5, SHA-1, SHA-256, SHA-512, "
                                + "SHA3-256, SHA3-512, SSDEEP, TLSH); a custom one should start with \"x_\"");
            } else if (HashAlgorithms.isKnown(algo)
                    && !HashAlgorithms.normalize(algo).equals(algo)) {
                c.should(
                        p,
                        "hash algorithm \"" + algo + "\" should be written \"" + HashAlgorithms.normalize(algo)
                                + "\" (hash-algorithm-ov)");
            }
            if (!HashAlgorithms.fits(algo, (String) hv)) {
                c.error(
                        p,
                        "\"" + hv + "\" is not a valid " + HashAlgorithms.normalize(algo) + " hash (wrong length or "
                                + "not hexadecimal)");
            }
        }
    }

    void checkDictionary(PropertySpec spec, Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(path, "must be a dictionary (JSON object), not " + ObjectCheck.jsonType(value));
            return;
        }
        StixProperties d = (StixProperties) value;
        if (d.isEmpty()) {
            c.error(path, "empty dictionaries are prohibited in STIX; omit the property instead");
        }
        for (int i = 0; i < d.size(); i++) {
            String key = d.keyAt(i);
            if (!Formats.isDictionaryKey(key)) {
                c.error(
                        path.child(key),
                        "dictionary key \"" + key + "\" must be at most 250 ASCII letters, digits," + " '-' or '_'");
            }
            if (spec.values() != null) {
                c.checkValue(spec.values(), d.valueAt(i), path.child(key), null);
            }
        }
    }

    void checkKillChainPhase(Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(
                    path,
                    "a kill chain phase must be an object {kill_chain_name, phase_name}, not "
                            + ObjectCheck.jsonType(value));
            return;
        }
        StixProperties k = (StixProperties) value;
        for (String member : new String[] {"kill_chain_name", "phase_name"}) {
            Object v = k.get(member);
            if (v == null) {
                c.error(path.child(member), "missing required property \"" + member + "\" of a kill chain phase");
            } else if (!(v instanceof String)) {
                c.error(path.child(member), "must be a string, not " + ObjectCheck.jsonType(v));
            } else if (!((String) v).equals(((String) v).toLowerCase(java.util.Locale.ROOT))
                    || ((String) v).indexOf(' ') >= 0
                    || ((String) v).indexOf('_') >= 0) {
                c.should(
                        path.child(member),
                        "should be lowercase with hyphens between words, not spaces or underscores");
            }
        }
    }

    void checkExternalReference(Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(path, "an external reference must be an object, not " + ObjectCheck.jsonType(value));
            return;
        }
        StixProperties r = (StixProperties) value;
        // one pass over the members instead of a lookup per known name
        Object source = null;
        boolean located = false; // description, url or external_id present
        boolean url = false;
        boolean hashes = false;
        String externalId = null;
        for (int i = 0, n = r.size(); i < n; i++) {
            String key = r.keyAt(i);
            Object v = r.valueAt(i);
            switch (key) {
                case "source_name":
                    source = v;
                    break;
                case "description":
                case "url":
                case "external_id":
                    located = true;
                    url |= key.equals("url");
                    if (v != null && !(v instanceof String)) {
                        c.error(path.child(key), "must be a string, not " + ObjectCheck.jsonType(v));
                    } else if (key.equals("external_id")) {
                        externalId = (String) v;
                    }
                    break;
                case "hashes":
                    hashes = true;
                    checkHashes(v, path.child("hashes"));
                    break;
                default:
                    break;
            }
        }
        if (source == null) {
            c.error(path.child("source_name"), "missing required property \"source_name\" of an external reference");
        } else if (!(source instanceof String)) {
            c.error(path.child("source_name"), "must be a string, not " + ObjectCheck.jsonType(source));
        }
        if (!located) {
            c.error(path, "an external reference needs at least one of description, url or external_id");
        }
        if (url && !hashes) {
            c.strictOnly(
                    path.child("url"),
                    "an external reference with a url should carry the hashes of what the url serves, so that the "
                            + "content can be checked");
        }
        if (source instanceof String) {
            String name = (String) source;
            if ((name.equalsIgnoreCase("cve") && !name.equals("cve"))
                    || (name.equalsIgnoreCase("capec") && !name.equals("capec"))) {
                c.error(
                        path.child("source_name"),
                        "source_name of a CVE or CAPEC reference must be lowercase \"cve\" or" + " \"capec\", not \""
                                + name + "\"");
            }
        }
        if ("cve".equals(source) && externalId != null && !Formats.isCve(externalId)) {
            c.error(
                    path.child("external_id"),
                    "a \"cve\" reference needs an external_id like CVE-2021-44228, not \"" + externalId + "\"");
        }
        if ("capec".equals(source) && externalId != null && !Formats.isCapec(externalId)) {
            c.error(
                    path.child("external_id"),
                    "a \"capec\" reference needs an external_id like CAPEC-98, not \"" + externalId + "\"");
        }
    }

    void checkGranularMarking(Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(path, "a granular marking must be an object {selectors, marking_ref | lang}");
            return;
        }
        StixProperties g = (StixProperties) value;
        boolean hasRef = g.containsKey("marking_ref");
        boolean hasLang = g.containsKey("lang");
        if (hasRef == hasLang) {
            c.error(path, "a granular marking needs exactly one of marking_ref and lang");
        }
        if (hasRef) {
            c.checkIdentifier(MARKING_REF, g.get("marking_ref"), path.child("marking_ref"));
        }
        if (hasLang && !(g.get("lang") instanceof String && Formats.isLanguageTag(g.getString("lang")))) {
            c.error(path.child("lang"), "must be an RFC 5646 language tag");
        }
        Object selectors = g.get("selectors");
        if (!(selectors instanceof List) || ((List<?>) selectors).isEmpty()) {
            c.error(path.child("selectors"), "a granular marking needs a non-empty list of selectors");
            return;
        }
        List<?> list = (List<?>) selectors;
        for (int i = 0; i < list.size(); i++) {
            Object s = list.get(i);
            if (!(s instanceof String) || !Selectors.selects(c.props, (String) s)) {
                c.error(
                        path.child("selectors").index(i),
                        "selector " + ObjectCheck.describe(s)
                                + " does not select content present in this object (dot-separated properties, [n] for"
                                + " list items)");
            }
        }
    }

    void checkExtensions(Object value, Where path) {
        if (!(value instanceof StixProperties)) {
            c.error(path, "extensions must be a dictionary, not " + ObjectCheck.jsonType(value));
            return;
        }
        StixProperties ext = (StixProperties) value;
        if (ext.isEmpty()) {
            c.error(path, "empty dictionaries are prohibited in STIX; omit the property instead");
        }
        for (int i = 0; i < ext.size(); i++) {
            String key = ext.keyAt(i);
            Object e = ext.valueAt(i);
            Where p = path.child(key);
            if (!(e instanceof StixProperties)) {
                c.error(p, "an extension must be a JSON object, not " + ObjectCheck.jsonType(e));
                continue;
            }
            StixProperties body = (StixProperties) e;
            if (key.startsWith("extension-definition--")) {
                c.checkIdentifier(EXTENSION_DEFINITION_REF, key, p);
                Object et = body.get("extension_type");
                if (et == null) {
                    c.error(p.child("extension_type"), "an extension-definition extension must have extension_type");
                } else if (!(et instanceof String) || !EXTENSION_TYPES.contains(et)) {
                    c.error(
                            p.child("extension_type"),
                            ObjectCheck.describe(et) + " is not an extension c.type; use one of "
                                    + String.join(", ", EXTENSION_TYPES));
                }
                ExtensionDef registered = c.registry.extension(key);
                if (registered != null) {
                    c.checkObject(registered.properties(), body, p);
                }
                continue;
            }
            ExtensionDef predefined = c.registry.extension(key);
            if (predefined != null) {
                if (!predefined.appliesTo().isEmpty() && !predefined.appliesTo().contains(c.type)) {
                    c.error(
                            p,
                            "extension " + key + " applies to " + String.join(", ", predefined.appliesTo()) + ", not "
                                    + c.type);
                }
                if (body.isEmpty()) {
                    c.error(p, "extension " + key + " must contain at least one property");
                }
                c.checkObject(predefined.properties(), body, p);
                predefinedExtensionAdvice(key, body, p);
                continue;
            }
            if (!key.endsWith("-ext") || !Formats.isTypeName(key)) {
                c.error(
                        p,
                        "extension key \"" + key + "\" must be an extension-definition id or a custom extension"
                                + " name ending in \"-ext\" (lowercase letters, digits, hyphens)");
            } else if (!key.startsWith("x-")) {
                c.should(p, "custom extension \"" + key + "\" should start with \"x-\"");
            } else {
                c.strictOnly(
                        p,
                        "custom extension \"" + key + "\" should be defined by an extension-definition "
                                + "(extension_type property-extension) rather than added ad hoc");
            }
        }
    }

    /** SHOULD-level advice on the bodies of predefined extensions (STIX 2.1 section 6). */
    private void predefinedExtensionAdvice(String key, StixProperties body, Where p) {
        if (key.equals("windows-process-ext")
                && body.get("priority") instanceof String priority
                && !priority.endsWith("_CLASS")) {
            c.should(
                    p.child("priority"),
                    "priority \"" + priority + "\" should be a Windows priority class name ending in _CLASS "
                            + "(HIGH_PRIORITY_CLASS)");
        }
        if (key.equals("pdf-ext") && body.getObject("document_info_dict") != null) {
            StixProperties info = body.getObject("document_info_dict");
            for (int i = 0; i < info.size(); i++) {
                if (!PDF_INFO_KEYS.contains(info.keyAt(i))) {
                    c.should(
                            p.child("document_info_dict").child(info.keyAt(i)),
                            "\"" + info.keyAt(i) + "\" is not a PDF document information key ("
                                    + String.join(", ", PDF_INFO_KEYS) + ")");
                }
            }
        }
    }

    private static final List<String> PDF_INFO_KEYS = List.of(
            "Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped");
}
