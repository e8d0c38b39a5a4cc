package dev.threatkit.cti.attack;

import java.util.List;

/**
 * Something that {@code detects} a technique. ATT&amp;CK up to 17 relates {@code x-mitre-data-component} objects to
 * techniques; ATT&amp;CK 18 relates {@code x-mitre-detection-strategy} objects instead, each listing its analytics
 * in {@code x_mitre_analytic_refs}, and each analytic naming the data components it reads in
 * {@code x_mitre_log_source_references}.
 *
 * @param id its stored id
 * @param type {@code x-mitre-detection-strategy} or {@code x-mitre-data-component} (or whatever else detects)
 * @param externalId its ATT&amp;CK id ({@code DET0103}, {@code DC0001}), or null
 * @param name its name
 * @param relationship the stored id of the {@code detects} relationship
 * @param analytics a detection strategy's analytics, in its order; empty for other types
 */
public record Detection(
        String id, String type, String externalId, String name, String relationship, List<Analytic> analytics) {
    public Detection {
        analytics = List.copyOf(analytics);
    }

    /**
     * An analytic of a detection strategy.
     *
     * @param id its stored id
     * @param externalId its ATT&amp;CK id ({@code AN0110}), or null
     * @param name its name
     * @param platforms its {@code x_mitre_platforms}
     * @param logSources what it reads: its {@code x_mitre_log_source_references}, in order
     */
    public record Analytic(
            String id, String externalId, String name, List<String> platforms, List<LogSource> logSources) {
        public Analytic {
            platforms = List.copyOf(platforms);
            logSources = List.copyOf(logSources);
        }
    }

    /**
     * One log source of an analytic.
     *
     * @param dataComponentId the {@code x_mitre_data_component_ref}
     * @param dataComponent the data component's name when it is stored, else null
     * @param name the log source name ({@code auditd:SYSCALL})
     * @param channel the channel ({@code socket/connect}), or null
     */
    public record LogSource(String dataComponentId, String dataComponent, String name, String channel) {}
}
