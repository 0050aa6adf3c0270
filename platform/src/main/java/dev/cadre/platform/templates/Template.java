package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param parameters  the declared start parameters: name to declaration in the form
 *                    {@link dev.cadre.plugin.api.Shapes} reads; empty = undeclared (anything goes, unchecked)
 * @param scenarios   simulations publishing runs, each of which must still hold
 */
public record Template(String code, String name, int version, String description, List<PhaseTemplate> phases,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> parameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Scenario> scenarios) {

    /** Copies the collections. */
    public Template {
        phases = phases == null ? List.of() : List.copyOf(phases);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    /** A template that declares no parameters and keeps no scenarios. */
    public Template(String code, String name, int version, String description, List<PhaseTemplate> phases) {
        this(code, name, version, description, phases, null, null);
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

    /** @return every condition and fan-out expression, in document order */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<String> expressions() {
        List<String> sources = new java.util.ArrayList<>();
        for (PhaseTemplate phase : phases) {
            if (phase.fanOut() != null) {
                sources.add(phase.fanOut());
            }
            phase.activities().stream().map(ActivityTemplate::condition).filter(java.util.Objects::nonNull).forEach(sources::add);
        }
        return sources;
    }

    /** @return every activity, in phase then sequence order */
    public List<ActivityTemplate> activities() {
        return phases.stream().flatMap(p -> p.activities().stream()).toList();
    }

    /** @param kept the scenarios to keep @return this template with those scenarios */
    public Template withScenarios(List<Scenario> kept) {
        return new Template(code, name, version, description, phases, parameters, kept);
    }

    /**
     * @param newVersion the version to give the copy
     * @return this template with another version number
     */
    public Template withVersion(int newVersion) {
        return new Template(code, name, newVersion, description, phases, parameters, scenarios);
    }
}
