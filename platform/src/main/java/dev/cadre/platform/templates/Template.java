package dev.cadre.platform.templates;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a workflow template: the immutable snapshot a workflow runs on, and the JSON
 * template document that REST and the CLI import and export (field names are the document's).
 *
 * @param code        the template's code, for example {@code test-cycle}
 * @param name        a human-readable name
 * @param version     the version, assigned by the host at import
 * @param description what the template is for, or {@code null}
 * @param phases      the phases in {@code order}
 */
public record Template(String code, String name, int version, String description, List<PhaseTemplate> phases) {

    /** Copies the phase list. */
    public Template {
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    /**
     * @param activityCode an activity code
     * @return the activity of that code, in any phase
     */
    public Optional<ActivityTemplate> activity(String activityCode) {
        return phases.stream().flatMap(p -> p.activities().stream())
                .filter(a -> Objects.equals(a.code(), activityCode)).findFirst();
    }

    /**
     * @param activityCode an activity code
     * @return the phase holding that activity
     */
    public Optional<PhaseTemplate> phaseOf(String activityCode) {
        return phases.stream().filter(p -> p.activities().stream().anyMatch(a -> Objects.equals(a.code(), activityCode))).findFirst();
    }

    /** @return every activity, in phase then sequence order */
    public List<ActivityTemplate> activities() {
        return phases.stream().flatMap(p -> p.activities().stream()).toList();
    }

    /**
     * @param newVersion the version to give the copy
     * @return this template with another version number
     */
    public Template withVersion(int newVersion) {
        return new Template(code, name, newVersion, description, phases);
    }
}
