package dev.cadre.platform.templates;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a manual step asks of a person, declared as data in its {@code config.form}:
 * {@code {"fields": [{"name", "label", "type": "text|number|date|choice|names|table|file", "required"?,
 * "choices"?, "accept"?, "artifact"?}]}}. The console draws it, REST completion checks {@code data}
 * against it ({@link #check}), and a file field names the artifact its file becomes
 * ({@code "evidence/{instance}.csv"}): the only names the task's person may write.
 *
 * @param fields the fields, in the order they are asked
 */
public record TaskForm(List<Field> fields) {

    /** The config key that holds a step's form. */
    public static final String CONFIG_KEY = "form";
    /** What an artifact name template puts the task's instance key in place of. */
    public static final String INSTANCE = "{instance}";

    /** Names people never write: void markers, written by compensations only. */
    public static final String RESERVED_SUFFIX = ".void.json";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern ARTIFACT = Pattern.compile("[A-Za-z0-9._{}-]+(/[A-Za-z0-9._{}-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** The kinds of field. */
    public enum Type {
        /** Free text. */
        TEXT,
        /** A number. */
        NUMBER,
        /** An ISO date, {@code 2026-12-31}. */
        DATE,
        /** One of {@code choices}. */
        CHOICE,
        /** A list of names (people, data owners). */
        NAMES,
        /** A list of rows, each an object. */
        TABLE,
        /** A file, stored as the artifact {@code artifact} names; its data value is the file's SHA-256. */
        FILE
    }

    /**
     * One field.
     *
     * @param name     the key of {@code data} it fills
     * @param label    what the person is asked
     * @param type     its kind
     * @param required whether it must be given
     * @param choices  a choice's allowed values
     * @param accept   a file's accepted content types (the first is what it is stored as)
     * @param artifact a file's artifact name, {@code {instance}} standing for the task's instance key
     */
    public record Field(String name, String label, Type type, boolean required, List<String> choices, List<String> accept, String artifact) {

        /** @return the artifact this file field writes for the given instance */
        public String artifactFor(String instance) {
            return artifact.replace(INSTANCE, instance == null ? "" : instance);
        }

        /** @return what a file is stored as: the first accepted type, else {@code application/octet-stream} */
        public String contentType() {
            return accept.isEmpty() ? "application/octet-stream" : accept.get(0);
        }
    }

    /**
     * @param config an activity's config
     * @return its form; empty when it declares none
     * @throws InvalidFormException when the form is malformed (the template validator reports the same)
     */
    public static Optional<TaskForm> of(Map<String, Object> config) {
        Object form = config == null ? null : config.get(CONFIG_KEY);
        if (form == null) {
            return Optional.empty();
        }
        List<String[]> problems = new ArrayList<>();
        TaskForm parsed = parse(form, problems);
        if (!problems.isEmpty()) {
            throw new InvalidFormException(null, "config.form." + problems.get(0)[0] + " " + problems.get(0)[1]);
        }
        return Optional.of(parsed);
    }

    /** Reports what is wrong with an activity's form, each problem with its path. */
    static void check(ProblemCollector problems, String path, ActivityTemplate activity) {
        Object form = activity.config().get(CONFIG_KEY);
        if (form == null) {
            return;
        }
        if (!activity.manual()) {
            problems.error(path + ".config." + CONFIG_KEY, "a form is for manual activities only");
            return;
        }
        List<String[]> found = new ArrayList<>();
        parse(form, found);
        found.forEach(problem -> problems.error(path + ".config." + CONFIG_KEY + (problem[0].isEmpty() ? "" : "." + problem[0]), problem[1]));
    }

    private static TaskForm parse(Object form, List<String[]> problems) {
        if (!(form instanceof Map<?, ?> map) || !(map.get("fields") instanceof List<?> raw)) {
            problems.add(new String[] {"", "must be an object with a list 'fields'"});
            return new TaskForm(List.of());
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "fields[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> f)) {
                problems.add(new String[] {at, "must be an object"});
                continue;
            }
            String name = f.get("name") instanceof String s ? s : null;
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(new String[] {at + ".name", "must be a letter, then letters, digits or '_' (at most 64)"});
                continue;
            }
            if (fields.stream().anyMatch(other -> other.name().equals(name))) {
                problems.add(new String[] {at + ".name", "'" + name + "' is used twice"});
            }
            Type type;
            try {
                type = Type.valueOf(String.valueOf(f.get("type")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new String[] {at + ".type", "must be one of text, number, date, choice, names, table, file"});
                continue;
            }
            List<String> choices = strings(f.get("choices"));
            List<String> accept = strings(f.get("accept"));
            String artifact = f.get("artifact") instanceof String s ? s : null;
            if (type == Type.CHOICE && choices.isEmpty()) {
                problems.add(new String[] {at + ".choices", "must list the values to choose from"});
            }
            if (type == Type.FILE && (artifact == null || artifact.isBlank())) {
                problems.add(new String[] {at + ".artifact", "must name the artifact the file becomes, e.g. evidence/{instance}.csv"});
            }
            if (artifact != null && (artifact.endsWith(RESERVED_SUFFIX) || artifact.length() > 200 || !ARTIFACT.matcher(artifact).matches()
                    || artifact.contains(".."))) {
                problems.add(new String[] {at + ".artifact", "'" + artifact + "' is not a name people may write"});
            }
            String label = f.get("label") instanceof String s && !s.isBlank() ? s : name;
            fields.add(new Field(name, label, type, Boolean.TRUE.equals(f.get("required")), choices, accept, artifact));
        }
        return new TaskForm(List.copyOf(fields));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value instanceof String s ? List.of(s) : List.of();
    }

    /** @return its file fields */
    public List<Field> files() {
        return fields.stream().filter(f -> f.type() == Type.FILE).toList();
    }

    /**
     * Checks a completion's data against the form. A file field's value, when given, is the SHA-256 of
     * the file (the host checks it against the stored artifact when the task is completed).
     *
     * @param data what the person supplied (not changed)
     * @throws InvalidFormException naming the first field that is missing or of the wrong kind
     */
    public void check(Map<String, Object> data) {
        Map<String, Object> given = data == null ? Map.of() : data;
        for (Field field : fields) {
            Object value = given.get(field.name());
            if (value == null || value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty()) {
                if (field.required() && field.type() != Type.FILE) {
                    throw new InvalidFormException(field.name(), "'" + field.label() + "' (" + field.name() + ") is required");
                }
                continue;
            }
            String problem = problem(field, value);
            if (problem != null) {
                throw new InvalidFormException(field.name(), "'" + field.label() + "' (" + field.name() + ") " + problem);
            }
        }
    }

    private static String problem(Field field, Object value) {
        return switch (field.type()) {
            case TEXT -> value instanceof String ? null : "must be text";
            case NUMBER -> value instanceof Number ? null : "must be a number";
            case DATE -> value instanceof String s && date(s) ? null : "must be a date such as 2026-12-31";
            case CHOICE -> field.choices().contains(String.valueOf(value)) ? null : "must be one of " + field.choices();
            case NAMES -> value instanceof List<?> l && l.stream().allMatch(n -> n instanceof String s && !s.isBlank()) ? null
                    : "must be a list of names";
            case TABLE -> value instanceof List<?> l && l.stream().allMatch(Map.class::isInstance) ? null : "must be a list of rows (objects)";
            case FILE -> value instanceof String s && SHA256.matcher(s.trim()).matches() ? null : "must be the file's SHA-256";
        };
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
