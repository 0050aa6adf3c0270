package dev.cadre.platform.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of a manual step's completion {@code data}, read from its {@code config.form} (DESIGN
 * section 9): each form field becomes a declaration in the form {@link dev.cadre.plugin.api.Shapes}
 * reads, so expressions over {@code outputs.CODE.data} are type-checked. Reads names and types only;
 * checking a completion against the form is the form's own business.
 */
public final class FormFields {

    private FormFields() {
    }

    /**
     * @param activity a manual activity
     * @return its data's field declarations, or empty when it declares no form
     */
    public static Optional<Map<String, Object>> of(ActivityTemplate activity) {
        if (!(activity.config().get("form") instanceof Map<?, ?> form) || !(form.get("fields") instanceof List<?> fields)) {
            return Optional.empty();
        }
        Map<String, Object> shape = new LinkedHashMap<>();
        for (Object entry : fields) {
            if (entry instanceof Map<?, ?> field && field.get("name") instanceof String name && !name.isBlank()) {
                Map<String, Object> declaration = new LinkedHashMap<>(type(String.valueOf(field.get("type"))));
                declaration.put("required", Boolean.TRUE.equals(field.get("required")));
                shape.put(name, declaration);
            }
        }
        return Optional.of(shape);
    }

    private static Map<String, Object> type(String formType) {
        return switch (formType) {
            case "number" -> Map.of("type", "number");
            case "date" -> Map.of("type", "date");
            case "names" -> Map.of("type", "list", "items", Map.of("type", "string"));
            case "table" -> Map.of("type", "list", "items", Map.of("type", "object"));
            default -> Map.of("type", "string"); // text, choice, file (an artifact name)
        };
    }
}
