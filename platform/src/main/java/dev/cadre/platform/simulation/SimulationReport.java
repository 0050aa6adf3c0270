package dev.cadre.platform.simulation;

import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns what a simulated run left in its in-memory records into the answer: steps, fan-outs, critical path, expectations. */
final class SimulationReport {

    private static final Set<String> RAN = Set.of("COMPLETED", "FAILED", "COMPENSATED");

    private final Template template;
    private final Scenario scenario;
    private final SimulationRecords records;

    SimulationReport(Template template, Scenario scenario, SimulationRecords records) {
        this.template = template;
        this.scenario = scenario;
        this.records = records;
    }

    Simulation build() {
        Instant start = records.startedAt();
        Instant end = records.endedAt() != null ? records.endedAt() : start;
        List<Simulation.Step> steps = new ArrayList<>();
        for (SimulationRecords.Step step : records.steps()) {
            String phase = template.phaseOf(step.key.activityCode()).map(PhaseTemplate::name).orElse("");
            Instant at = step.endedAt != null ? step.endedAt : step.startedAt;
            steps.add(new Simulation.Step(step.key.activityCode(), step.key.instanceKey(), phase, String.valueOf(step.status), step.outcome,
                    String.valueOf(at), String.valueOf(step.startedAt), note(step)));
        }
        String status = records.status() == null ? "RUNNING" : records.status();
        List<String> differences = differences(status, steps);
        return new Simulation(scenario.name(), status, records.error(), steps, records.deadlines(), fanOuts(), Duration.between(start, end).toString(),
                criticalPath(start), differences.isEmpty(), differences);
    }

    private static String note(SimulationRecords.Step step) {
        if (step.status == StepStatus.SKIPPED && step.output != null && step.output.get("skipped") != null) {
            return String.valueOf(step.output.get("skipped"));
        }
        return step.error;
    }

    private List<Simulation.FanOut> fanOuts() {
        List<Simulation.FanOut> fanOuts = new ArrayList<>();
        for (PhaseTemplate phase : template.phases()) {
            if (!phase.isParallel()) {
                continue;
            }
            Set<String> parallel = new LinkedHashSet<>();
            phase.activities().stream().filter(ActivityTemplate::isParallel).forEach(a -> parallel.add(a.code()));
            boolean reached = records.steps().stream().anyMatch(s -> template.phaseOf(s.key.activityCode()).map(p -> p.name().equals(phase.name()))
                    .orElse(false));
            if (reached) {
                long instances = records.steps().stream().filter(s -> parallel.contains(s.key.activityCode()))
                        .map(s -> s.key.instanceKey()).distinct().count();
                fanOuts.add(new Simulation.FanOut(phase.name(), (int) instances));
            }
        }
        return fanOuts;
    }

    /** Per phase reached: from its first step's start to its last step's end, against the timeouts of the steps that ran. */
    private Simulation.CriticalPath criticalPath(Instant runStart) {
        List<Simulation.CriticalPath.Phase> phases = new ArrayList<>();
        Duration total = Duration.ZERO;
        Duration budget = Duration.ZERO;
        for (PhaseTemplate phase : template.phases()) {
            Set<String> codes = new LinkedHashSet<>();
            phase.activities().forEach(a -> codes.add(a.code()));
            List<SimulationRecords.Step> steps = records.steps().stream().filter(s -> codes.contains(s.key.activityCode())).toList();
            if (steps.isEmpty()) {
                continue;
            }
            Instant first = steps.stream().map(s -> s.startedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(runStart);
            Instant last = steps.stream().map(s -> s.endedAt != null ? s.endedAt : s.startedAt).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(first);
            Set<String> ran = new LinkedHashSet<>();
            steps.stream().filter(s -> s.status != StepStatus.SKIPPED).forEach(s -> ran.add(s.key.activityCode()));
            Duration phaseBudget = phase.activities().stream().filter(a -> ran.contains(a.code()))
                    .map(a -> Duration.ofSeconds(a.timeoutSeconds())).reduce(Duration.ZERO, Duration::plus);
            Duration took = Duration.between(first, last);
            phases.add(new Simulation.CriticalPath.Phase(phase.name(), took.toString(), phaseBudget.toString(), took.compareTo(phaseBudget) <= 0));
            total = total.plus(took);
            budget = budget.plus(phaseBudget);
        }
        return new Simulation.CriticalPath(total.toString(), budget.toString(), phases);
    }

    private List<String> differences(String status, List<Simulation.Step> steps) {
        List<String> differences = new ArrayList<>();
        Scenario.Expectation expect = scenario.expect();
        if (expect == null) {
            return differences;
        }
        if (expect.status() != null && !expect.status().equals(status)) {
            differences.add("status: expected " + expect.status() + ", was " + status + (records.error() == null ? "" : " (" + records.error() + ")"));
        }
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        for (Simulation.Step step : steps) {
            byStep.computeIfAbsent(step.activity(), k -> new ArrayList<>()).add(step.status());
            if (!step.instance().isEmpty()) {
                byStep.computeIfAbsent(step.activity() + "/" + step.instance(), k -> new ArrayList<>()).add(step.status());
            }
        }
        for (String step : expect.ran()) {
            List<String> seen = byStep.getOrDefault(step, List.of());
            if (seen.stream().noneMatch(RAN::contains)) {
                differences.add("ran: expected " + step + " to run, " + (seen.isEmpty() ? "it was never reached" : "it was " + String.join(", ", seen)));
            }
        }
        for (String step : expect.skipped()) {
            List<String> seen = byStep.getOrDefault(step, List.of());
            if (seen.stream().anyMatch(RAN::contains)) {
                differences.add("skipped: expected " + step + " not to run, it was " + String.join(", ", seen));
            }
        }
        return differences;
    }
}
