package dev.cadre.platform.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.Run;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.StepRow;
import dev.cadre.platform.templates.Template;
import dev.cadre.plugin.api.Artifact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a person needs around a task, so that they decide on what the run did rather than on memory: the
 * run's earlier comments and decisions (who, when), a bounded preview of the artifacts the task's upstream
 * steps name (CSV rows, pretty JSON), the final report on a decision taken once it exists (the sign-off),
 * and the failing samples listed in those artifacts (a data owner's response). Everything is shown as text:
 * the page's templates escape it.
 */
final class TaskContext {

    /** Rows of a CSV preview, header included. */
    static final int CSV_ROWS = 11;
    /** Characters of a JSON preview. */
    static final int JSON_CHARS = 4_000;
    /** Artifacts previewed per task. */
    static final int MAX_PREVIEWS = 6;
    /** Failing samples listed. */
    static final int MAX_FAILURES = 50;
    /** Largest artifact read for a preview. */
    static final int MAX_READ = 4 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** An earlier comment or decision of the run. */
    record Note(String at, String who, String step, String instance, String outcome, String comment, String href) {
    }

    /** A previewed artifact: CSV rows or JSON text. */
    record Preview(String name, String href, String size, boolean isCsv, List<String> header, List<Cells> rows, boolean isJson,
                   String json, boolean truncated) {
    }

    /** A CSV row. */
    record Cells(List<String> cells) {
    }

    /** One failing sample: its fields in the order the artifact gives them. */
    record Failure(String source, List<String> cells) {
    }

    private final Runs runs;
    private final ArtifactService artifacts;

    TaskContext(Runs runs, ArtifactService artifacts) {
        this.runs = runs;
        this.artifacts = artifacts;
    }

    /**
     * @param workflowId the run's workflow id
     * @param run        the run's record
     * @param template   its template version
     * @param step       the task
     * @param instance   the task's instance key, or empty
     * @return the task page's context: {@code notes}, {@code previews}, {@code reportHref}, {@code failures}
     */
    Map<String, Object> model(String workflowId, Run run, Template template, StepRow step, String instance) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Note> notes = notes(workflowId, runs.steps(run), step);
        model.put("notes", notes);
        model.put("hasNotes", !notes.isEmpty());
        List<ArtifactService.ArtifactView> all = artifacts.list(workflowId);
        Set<String> named = new LinkedHashSet<>();
        Map<String, Object> outputs = runs.outputs(run.id());
        for (ReviewMaterial.Upstream upstream : ReviewMaterial.of(template, step.code(), instance, outputs)) {
            OutputArtifacts.strings(OutputArtifacts.ofInstance(outputs.get(upstream.code()), instance), named);
        }
        List<ArtifactService.ArtifactView> used = all.stream().filter(a -> named.contains(a.name()) || ofThisInstance(a.name(), instance))
                .limit(MAX_PREVIEWS).toList();
        List<Preview> previews = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (ArtifactService.ArtifactView view : used) {
            if (view.size() > MAX_READ) {
                previews.add(new Preview(view.name(), Links.artifact(workflowId, view.name()), size(view.size()), false, List.of(), List.of(), false,
                        "", true));
                continue;
            }
            Artifact artifact = artifacts.get(workflowId, view.name());
            previews.add(preview(workflowId, view, artifact.content()));
            if (isJson(view.name(), view.contentType())) {
                failures(view.name(), artifact.content(), failures);
            }
        }
        model.put("previews", previews);
        model.put("hasPreviews", !previews.isEmpty());
        model.put("failures", failures.stream().limit(MAX_FAILURES).toList());
        model.put("hasFailures", !failures.isEmpty());
        model.put("moreFailures", failures.size() > MAX_FAILURES ? (failures.size() - MAX_FAILURES) + " more in the artifact" : "");
        boolean decides = "APPROVAL".equals(step.type()) || "REVIEW".equals(step.type());
        boolean report = decides && all.stream().anyMatch(a -> a.name().equals(WorkflowPages.FINAL_REPORT));
        model.put("reportHref", report ? Links.run(workflowId) + "/report" : "");
        return model;
    }

    /** Completed manual steps other than this task, with who decided and what they wrote, oldest first. */
    static List<Note> notes(String workflowId, List<StepRow> steps, StepRow task) {
        return steps.stream()
                .filter(s -> s.manual() && s.completedBy() != null && s.completedAt() != null)
                .filter(s -> !(s.code().equals(task.code()) && s.instanceId().equals(task.instanceId())))
                .sorted(Comparator.comparing(StepRow::completedAt))
                .map(s -> new Note(Formats.time(s.completedAt()), s.completedBy(), s.name(), Formats.text(s.instanceId()), Formats.text(s.outcome()),
                        Formats.text(s.comment()), Links.task(workflowId, s.code(), s.instanceId())))
                .toList();
    }

    /** @return e.g. {@code 812 bytes}, {@code 12.4 KB}, {@code 3.1 MB} */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static Preview preview(String workflowId, ArtifactService.ArtifactView view, byte[] content) {
        String href = Links.artifact(workflowId, view.name());
        String size = size(view.size());
        String text = new String(content, StandardCharsets.UTF_8);
        if (isCsv(view.name(), view.contentType())) {
            List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(CSV_ROWS + 1).toList();
            List<List<String>> rows = lines.stream().limit(CSV_ROWS).map(TaskContext::csvLine).toList();
            return new Preview(view.name(), href, size, true, rows.isEmpty() ? List.of() : rows.get(0),
                    rows.stream().skip(1).map(Cells::new).toList(), false, "", lines.size() > CSV_ROWS);
        }
        if (isJson(view.name(), view.contentType())) {
            String pretty;
            try {
                pretty = MAPPER.writeValueAsString(MAPPER.readTree(content));
            } catch (java.io.IOException e) {
                pretty = text;
            }
            boolean cut = pretty.length() > JSON_CHARS;
            return new Preview(view.name(), href, size, false, List.of(), List.of(), true, cut ? pretty.substring(0, JSON_CHARS) : pretty, cut);
        }
        return new Preview(view.name(), href, size, false, List.of(), List.of(), false, "", false);
    }

    /** Splits a CSV line; quoted fields may hold commas and doubled quotes. */
    static List<String> csvLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Every list named {@code failures} in a JSON artifact: one row per failing sample. */
    private static void failures(String source, byte[] content, List<Failure> into) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (java.io.IOException e) {
            return;
        }
        for (JsonNode list : root.findValues("failures")) {
            if (!list.isArray()) {
                continue;
            }
            for (JsonNode failure : list) {
                List<String> cells = new ArrayList<>();
                if (failure.isObject()) {
                    failure.fields().forEachRemaining(f -> cells.add(f.getKey() + ": " + (f.getValue().isValueNode() ? f.getValue().asText()
                            : compact(f.getValue()))));
                } else {
                    cells.add(failure.isValueNode() ? failure.asText() : compact(failure));
                }
                into.add(new Failure(source, cells));
            }
        }
    }

    private static String compact(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static boolean isCsv(String name, String contentType) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") || contentType != null && contentType.startsWith("text/csv");
    }

    private static boolean isJson(String name, String contentType) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json") || contentType != null && contentType.contains("json");
    }

    /** An artifact named after the task's instance ({@code evidence/<instance>.csv}) is that instance's. */
    private static boolean ofThisInstance(String name, String instance) {
        return !instance.isEmpty() && (name.contains("/" + instance + ".") || name.contains("/" + instance + "/") || name.startsWith(instance + "/"));
    }
}
