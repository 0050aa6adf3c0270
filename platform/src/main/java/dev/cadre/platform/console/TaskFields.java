package dev.cadre.platform.console;

import dev.cadre.platform.templates.TaskForm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's form ({@link TaskForm}) as the task page draws it, and the posted values back as completion
 * data: numbers as numbers, names one per line, a table as CSV lines under a header line. Files are
 * stored by the page and their SHA-256 put in by it. The browser checks what HTML can (required, number,
 * date, a choice, accepted file types); the task rule checks all of it again.
 */
final class TaskFields {

    /** The prefix of a field's input name, apart from the page's own inputs (csrf, comment, outcome). */
    static final String PREFIX = "field.";

    private TaskFields() {
    }

    /** A choice of a select. */
    record Option(String value, boolean selected) {
    }

    /**
     * One field to draw; exactly one of the kind flags is set.
     *
     * @param input    the input's name
     * @param id       its element id
     * @param label    what is asked
     * @param required whether the browser asks for it before sending
     * @param isText   text
     * @param isNumber number
     * @param isDate   date
     * @param isChoice choice
     * @param options  a choice's options
     * @param isNames  names, one per line
     * @param isTable  a table, CSV lines under a header line
     * @param isFile   a file
     * @param accept   a file's accepted types
     * @param artifact a file's artifact name for this task
     */
    record View(String input, String id, String label, boolean required, boolean isText, boolean isNumber, boolean isDate, boolean isChoice,
                List<Option> options, boolean isNames, boolean isTable, boolean isFile, String accept, String artifact, String value) {
    }

    /** @return the fields to draw for the task's instance */
    static List<View> views(TaskForm form, String instance) {
        return views(form, instance, null);
    }

    /**
     * @param typed what was posted before (a refused completion), put back in each field but files; or {@code null}
     * @return the fields to draw for the task's instance
     */
    static List<View> views(TaskForm form, String instance, Form typed) {
        return form.fields().stream().map(f -> {
            String value = typed == null || f.type() == TaskForm.Type.FILE ? "" : typed.raw(PREFIX + f.name());
            return new View(PREFIX + f.name(), "field-" + f.name(), f.label(), f.required(),
                    f.type() == TaskForm.Type.TEXT, f.type() == TaskForm.Type.NUMBER, f.type() == TaskForm.Type.DATE,
                    f.type() == TaskForm.Type.CHOICE, f.choices().stream().map(c -> new Option(c, c.equals(value))).toList(),
                    f.type() == TaskForm.Type.NAMES, f.type() == TaskForm.Type.TABLE, f.type() == TaskForm.Type.FILE, String.join(",", f.accept()),
                    f.type() == TaskForm.Type.FILE ? f.artifactFor(instance) : "", value);
        }).toList();
    }

    /**
     * @param form   the task's form
     * @param posted the posted form
     * @return the completion data of every field but the files, as typed
     */
    static Map<String, Object> data(TaskForm form, Form posted) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (TaskForm.Field field : form.fields()) {
            String raw = posted.raw(PREFIX + field.name()).strip();
            if (raw.isEmpty() || field.type() == TaskForm.Type.FILE) {
                continue;
            }
            data.put(field.name(), switch (field.type()) {
                case NUMBER -> number(field, raw);
                case NAMES -> Arrays.stream(raw.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case TABLE -> table(raw);
                default -> raw;
            });
        }
        return data;
    }

    private static Object number(TaskForm.Field field, String raw) {
        try {
            BigDecimal value = new BigDecimal(raw);
            return value.stripTrailingZeros().scale() <= 0 ? (Object) value.longValueExact() : (Object) value.doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ConsoleException.badRequest("'" + field.label() + "' must be a number.");
        }
    }

    private static List<Map<String, Object>> table(String raw) {
        List<String> lines = raw.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> columns = Arrays.stream(lines.get(0).split(",")).map(String::strip).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), c < cells.length ? cells[c].strip() : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
