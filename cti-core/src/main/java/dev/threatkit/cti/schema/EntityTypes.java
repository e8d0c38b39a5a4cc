package dev.threatkit.cti.schema;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;

/**
 * OpenCTI's entity type of a STIX object (Malware, Sector, City, Threat-Actor-Group ...): the registry's rule for
 * the type, plus the two cases one property cannot decide. A location's type comes from
 * {@code x_opencti_location_type}, or the {@code location_type} of a property extension, else from its fields
 * (city, country, region, else Position); a threat actor is an individual only when {@code x_opencti_type} says
 * so.
 */
final class EntityTypes {
    private EntityTypes() {}

    static String of(StixObject object, TypeDef def) {
        switch (def.type()) {
            case "location":
                return location(object);
            case "threat-actor":
                return "Threat-Actor-Individual".equals(object.getString("x_opencti_type"))
                        ? "Threat-Actor-Individual"
                        : "Threat-Actor-Group";
            default:
                return def.entityType() == null ? null : def.entityType().resolve(object);
        }
    }

    private static String location(StixObject o) {
        String given = o.getString("x_opencti_location_type");
        if (given != null && !given.isBlank()) {
            return given;
        }
        StixProperties extensions = o.getObject("extensions");
        for (int i = 0; extensions != null && i < extensions.size(); i++) {
            Object ext = extensions.valueAt(i);
            String inExtension =
                    ext instanceof StixProperties ? ((StixProperties) ext).getString("location_type") : null;
            if (inExtension != null && !inExtension.isBlank()) {
                return inExtension;
            }
        }
        if (o.has("city")) {
            return "City";
        }
        if (o.has("country")) {
            return "Country";
        }
        if (o.has("region")) {
            return "Region";
        }
        return "Position";
    }
}
