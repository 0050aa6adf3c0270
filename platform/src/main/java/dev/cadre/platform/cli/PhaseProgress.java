package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's phase lines: one line per phase as it completes and, on a terminal, a progress line for
 * the phase under way, redrawn in place (a pipe or a file gets the completed lines only).
 */
final class PhaseProgress {

    private static final String SPINNER = "|/-\\";
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter out;
    private final boolean terminal;
    private final Instant started;
    private final Set<String> reported = new HashSet<>();
    private boolean drawn;
    private int frame;

    /**
     * @param out      where the lines go
     * @param terminal whether {@code out} is a terminal that can redraw a line
     * @param started  when the demo started (the times printed count from it)
     */
    PhaseProgress(PrintWriter out, boolean terminal, Instant started) {
        this.out = out;
        this.terminal = terminal;
        this.started = started;
    }

    /** Prints the phases of {@code workflow} (its REST view) that completed since the last call, then the progress line. */
    void show(JsonNode workflow) {
        JsonNode phases = workflow.path("phases");
        JsonNode running = null;
        for (JsonNode phase : phases) {
            String status = phase.path("status").asText();
            if ("COMPLETED".equals(status) && reported.add(phase.path("name").asText())) {
                clear();
                Count count = count(phase);
                out.printf("Phase %d/%d %-26s completed: %2d steps, %2d by people, %d skipped%s (%.1f s)%n",
                        phase.path("order").asInt(), phases.size(), phase.path("name").asText(), count.steps, count.manual, count.skipped,
                        count.instances.isEmpty() ? "" : ", " + count.instances.size() + " instances", seconds());
            } else if ("RUNNING".equals(status) && running == null) {
                running = phase;
            }
        }
        if (terminal && running != null) {
            Count count = count(running);
            out.printf("%s%c Phase %d/%d %s: %d of %d steps done (%.1f s)", CLEAR_LINE, SPINNER.charAt(frame++ % SPINNER.length()),
                    running.path("order").asInt(), phases.size(), running.path("name").asText(), count.done, count.steps, seconds());
            drawn = true;
        }
        out.flush();
    }

    /** Removes the progress line, if one is drawn, so the next line starts clean. */
    void clear() {
        if (drawn) {
            out.print(CLEAR_LINE);
            out.flush();
            drawn = false;
        }
    }

    private static Count count(JsonNode phase) {
        Count count = new Count();
        for (JsonNode activity : phase.path("activities")) {
            Iterable<JsonNode> executions = activity.has("instances") ? activity.path("instances") : List.of(activity);
            for (JsonNode execution : executions) {
                String status = execution.path("status").asText();
                count.steps++;
                count.manual += activity.path("manual").asBoolean() && !"SKIPPED".equals(status) ? 1 : 0;
                count.skipped += "SKIPPED".equals(status) ? 1 : 0;
                count.done += "COMPLETED".equals(status) || "SKIPPED".equals(status) ? 1 : 0;
                if (!execution.path("instanceId").asText("").isEmpty()) {
                    count.instances.add(execution.path("instanceId").asText());
                }
            }
        }
        return count;
    }

    private double seconds() {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    /** The steps of one phase, by kind. */
    private static final class Count {
        int steps;
        int manual;
        int skipped;
        int done;
        final Set<String> instances = new HashSet<>();
    }
}
