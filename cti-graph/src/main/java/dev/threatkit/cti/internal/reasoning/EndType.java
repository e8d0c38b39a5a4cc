package dev.threatkit.cti.internal.reasoning;

import java.util.Set;

/** The kinds of object a rule accepts at one end of a premise. */
enum EndType {
    ANY,
    OBSERVABLE,
    IDENTITY,
    LOCATION,
    INDICATOR,
    REPORT,
    OBSERVED_DATA,
    INFRASTRUCTURE,
    /** An identity or a location: where a sighting happens. */
    VICTIM,
    /** Threat-Actor-Group, Intrusion-Set, Campaign, Incident or Malware: the actors correlation links. */
    THREAT;

    private static final Set<String> THREAT_TYPES = Set.of("intrusion-set", "campaign", "incident", "malware");

    boolean test(World world, String id) {
        switch (this) {
            case ANY:
                return true;
            case OBSERVABLE:
                return world.observable(id);
            case IDENTITY:
                return "identity".equals(world.type(id));
            case LOCATION:
                return "location".equals(world.type(id));
            case INDICATOR:
                return "indicator".equals(world.type(id));
            case REPORT:
                return "report".equals(world.type(id));
            case OBSERVED_DATA:
                return "observed-data".equals(world.type(id));
            case INFRASTRUCTURE:
                return "infrastructure".equals(world.type(id));
            case VICTIM:
                String t = world.type(id);
                return "identity".equals(t) || "location".equals(t);
            case THREAT:
                String type = world.type(id);
                return THREAT_TYPES.contains(type)
                        || ("threat-actor".equals(type) && !"Threat-Actor-Individual".equals(world.entityType(id)));
            default:
                throw new IllegalStateException(name());
        }
    }
}
