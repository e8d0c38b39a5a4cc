package dev.threatkit.cti.attack;

import java.util.List;

/**
 * The techniques an intrusion set, campaign, threat actor, malware or tool covers.
 *
 * @param id the entity's stored id
 * @param externalId its ATT&amp;CK id ({@code G0016}), or null
 * @param type its STIX type
 * @param name its name
 * @param domains its {@code x_mitre_domains}, empty when it has none
 * @param techniques each covered technique once, sorted by ATT&amp;CK id (techniques without one last, by id)
 */
public record Coverage(
        String id,
        String externalId,
        String type,
        String name,
        List<String> domains,
        List<CoveredTechnique> techniques) {
    public Coverage {
        domains = List.copyOf(domains);
        techniques = List.copyOf(techniques);
    }
}
