package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Progress;
import dev.cadre.platform.engine.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shapes a run's detail: its record, its template's phases and activities with their run records (a
 * parallel activity lists its instances), and the live query's status when Temporal still has the run.
 */
final class WorkflowDetail {

    private WorkflowDetail() {
    }

    /**
     * @param run         the run's record
     * @param parameters  its start parameters
     * @param steps       its steps from {@link RunRecordQueries#steps}, parallel activities' instances possibly capped
     * @param counts      per parallel activity, its instances by status (all of them, not only the rows in {@code steps})
     * @param live        the live progress, if the run is still known to Temporal
     * @param resumptions when and why the run was continued from its records
     */
    static RunDetail of(Run run, Map<String, Object> parameters, List<StepRow> steps, Map<String, Map<String, Long>> counts,
            Optional<Progress> live, List<Resumption> resumptions) {
        RunSummary s = run.summary();
        String currentPhase = live.isPresent() ? live.get().currentPhase() : s.currentPhase();
        String status = live.map(Progress::status).orElse(s.status());
        return new RunDetail(s.workflowId(), s.runId(), s.template(), s.version(), s.businessKey(), parameters,
                status, currentPhase, live.map(Progress::error).orElse(s.error()), live.isPresent(),
                s.startedAt(), s.completedAt(), resumptions, null, null, phases(steps, counts, currentPhase, status));
    }

    /** @return a run Temporal knows but whose first record is not written yet: the live view alone */
    static RunDetail liveOnly(String workflowId, Progress live) {
        return liveOnly(workflowId, live, null, List.of());
    }

    /**
     * @param businessKey the business key Temporal keeps with the run, or {@code null}
     * @param steps       its template's activities without records (from {@link RunRecordQueries#steps}), so the
     *                    page shows the phases ahead from the first moment
     * @return a run Temporal knows but whose first record is not written yet
     */
    static RunDetail liveOnly(String workflowId, Progress live, String businessKey, List<StepRow> steps) {
        return new RunDetail(workflowId, null, live.template(), live.version(), businessKey, null, live.status(), live.currentPhase(),
                live.error(), true, null, null, null, null, null, phases(steps, Map.of(), live.currentPhase(), live.status()));
    }

    /** An activity as it is being put together from its rows. */
    private static final class Activity {
        final StepRow first;
        Execution execution;
        String status = StepStatus.PENDING.name();
        List<InstanceView> instances;
        /** Its instances by status, all of them (the listed ones may be a few). */
        Map<String, Long> counts;

        Activity(StepRow first) {
            this.first = first;
        }

        long reached() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        ActivityView view() {
            return new ActivityView(first.code(), first.name(), first.type(), first.manual(), first.executionMode(), first.handler(), status,
                    execution, instances, instances == null ? null : reached(), instances == null ? null : counts);
        }
    }

    private static List<PhaseView> phases(List<StepRow> steps, Map<String, Map<String, Long>> counts, String currentPhase, String runStatus) {
        Map<String, List<Activity>> phases = new LinkedHashMap<>();
        Map<String, StepRow> phaseRows = new LinkedHashMap<>();
        Map<String, Activity> activities = new LinkedHashMap<>();
        for (StepRow row : steps) {
            phaseRows.putIfAbsent(row.phase(), row);
            List<Activity> ofPhase = phases.computeIfAbsent(row.phase(), name -> new ArrayList<>());
            Activity activity = activities.computeIfAbsent(row.code(), code -> {
                Activity created = new Activity(row);
                ofPhase.add(created);
                return created;
            });
            if (!row.reached()) {
                continue;
            }
            if (row.parallel()) {
                Map<String, Long> recorded = counts.get(row.code());
                if (activity.instances == null) {
                    activity.instances = new ArrayList<>();
                    activity.counts = new java.util.TreeMap<>(recorded == null ? Map.of() : recorded);
                }
                activity.instances.add(new InstanceView(row.instanceId(), row.status(), Execution.of(row)));
                if (recorded == null) {
                    activity.counts.merge(row.status(), 1L, Long::sum); // the rows are all there is
                }
                activity.status = aggregate(activity.counts.keySet());
            } else {
                activity.status = row.status();
                activity.execution = Execution.of(row);
            }
        }
        boolean running = "RUNNING".equals(runStatus);
        List<PhaseView> views = new ArrayList<>();
        phases.forEach((name, ofPhase) -> {
            // every instance reaches the phase's first parallel activity: the most reached is the fan-out's size
            long fanOut = ofPhase.stream().filter(a -> a.instances != null).mapToLong(Activity::reached).max().orElse(0);
            ofPhase.stream().filter(a -> a.instances != null && a.reached() < fanOut)
                    .forEach(a -> a.status = notAllInstances(a.status, running));
            List<ActivityView> activityViews = ofPhase.stream().map(Activity::view).toList();
            StepRow row = phaseRows.get(name);
            views.add(new PhaseView(name, row.phaseOrder(), row.phaseMode(),
                    phaseStatus(activityViews, name.equals(currentPhase), runStatus), activityViews));
        });
        return views;
    }

    /**
     * A parallel activity some of whose phase's instances have not reached it yet is not done, however
     * far the reached ones are: RUNNING while the run runs, else PENDING (those instances never ran).
     */
    private static String notAllInstances(String aggregate, boolean running) {
        boolean looksDone = aggregate.equals(StepStatus.COMPLETED.name()) || aggregate.equals(StepStatus.SKIPPED.name());
        return looksDone ? (running ? StepStatus.RUNNING.name() : StepStatus.PENDING.name()) : aggregate;
    }

    /** A parallel activity is as far as its least advanced instance; any failure shows. */
    private static String aggregate(java.util.Collection<String> instanceStatuses) {
        List<StepStatus> statuses = instanceStatuses.stream().map(StepStatus::valueOf).toList();
        for (StepStatus open : List.of(StepStatus.FAILED, StepStatus.WAITING, StepStatus.RUNNING, StepStatus.PENDING,
                StepStatus.CANCELLED, StepStatus.COMPENSATED)) {
            if (statuses.contains(open)) {
                return open.name();
            }
        }
        return statuses.stream().allMatch(s -> s == StepStatus.SKIPPED) ? StepStatus.SKIPPED.name() : StepStatus.COMPLETED.name();
    }

    /** An ended run's phases do not run: the phase it ended in takes the run's end (a rejection fails it). */
    private static String phaseStatus(List<ActivityView> activities, boolean current, String runStatus) {
        List<String> statuses = activities.stream().map(ActivityView::status).toList();
        if (statuses.contains("FAILED")) {
            return "FAILED";
        }
        boolean ended = runStatus != null && !"RUNNING".equals(runStatus);
        if (ended && current && ("FAILED".equals(runStatus) || "CANCELLED".equals(runStatus))) {
            return runStatus;
        }
        if ((current && !ended) || statuses.stream().anyMatch(s -> s.equals("RUNNING") || s.equals("WAITING"))) {
            return "RUNNING";
        }
        if (statuses.stream().allMatch(s -> s.equals("PENDING"))) {
            return "PENDING";
        }
        if (statuses.stream().anyMatch(s -> s.equals("CANCELLED") || s.equals("COMPENSATED"))) {
            return "CANCELLED";
        }
        return statuses.stream().allMatch(s -> s.equals("COMPLETED") || s.equals("SKIPPED")) ? "COMPLETED" : "RUNNING";
    }
}
