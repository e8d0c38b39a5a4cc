package dev.threatkit.cti.attack;

/**
 * One way an entity covers a technique: who uses it (the entity itself or a campaign or intrusion set attributed
 * to it) and, when the technique is covered as the parent of a sub-technique, which sub-technique was used.
 *
 * @param userId the stored id of the object whose {@code uses} relationship this path follows
 * @param userExternalId its ATT&amp;CK id ({@code G0016}, {@code C0024}), or null
 * @param userName its name, or null
 * @param attributed true when the user is attributed to the entity rather than the entity itself
 * @param subtechniqueId the stored id of the sub-technique used, or null when the technique itself was used
 * @param subtechniqueExternalId the sub-technique's ATT&amp;CK id, or null
 */
public record UsePath(
        String userId,
        String userExternalId,
        String userName,
        boolean attributed,
        String subtechniqueId,
        String subtechniqueExternalId) {

    /**
     * A short text naming the path, for comments: {@code "used directly"}, {@code "sub-technique T1003.001 used
     * by C0024 SolarWinds Compromise (attributed)"}.
     */
    public String describe() {
        String who = attributed ? "by " + label(userExternalId, userName) + " (attributed)" : "directly";
        return subtechniqueId == null
                ? "used " + who
                : "sub-technique " + (subtechniqueExternalId == null ? subtechniqueId : subtechniqueExternalId)
                        + " used " + who;
    }

    private static String label(String externalId, String name) {
        if (externalId == null) {
            return name == null ? "?" : name;
        }
        return name == null ? externalId : externalId + " " + name;
    }
}
