package dev.cadre.platform.templates;

import dev.cadre.plugin.api.Shapes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run's start parameters against its template's declaration and fills declared defaults.
 * Parameters the template does not declare pass unchecked (handlers may read settings the template
 * leaves to them); a template that declares nothing accepts anything.
 */
public final class TemplateParameters {

    private TemplateParameters() {
    }

    /**
     * @param template the template a run starts on
     * @param given    the start parameters
     * @return the parameters with declared defaults filled in
     * @throws InvalidParametersException naming every parameter that is missing or of the wrong type
     */
    public static Map<String, Object> checked(Template template, Map<String, Object> given) {
        Map<String, Object> parameters = new LinkedHashMap<>(given == null ? Map.of() : given);
        if (template.parameters().isEmpty()) {
            return parameters;
        }
        template.parameters().forEach((name, declaration) -> {
            if (parameters.get(name) == null && declaration instanceof Map<?, ?> map && map.get("default") != null) {
                parameters.put(name, map.get("default"));
            }
        });
        Map<String, Object> declaredOnly = new LinkedHashMap<>(parameters);
        declaredOnly.keySet().retainAll(template.parameters().keySet());
        // a parameter file ({"$file": id}, engine.ParameterFiles) stands for a list: its elements were checked at upload
        declaredOnly.replaceAll((name, value) -> value instanceof Map<?, ?> map && map.containsKey("$file") ? List.of() : value);
        List<String> problems = Shapes.valueProblems(template.parameters(), declaredOnly);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(template.code(), problems);
        }
        return parameters;
    }
}
