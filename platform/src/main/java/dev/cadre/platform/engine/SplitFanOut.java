package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Dependency;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.TaskDeadlines;
import dev.cadre.platform.templates.Template;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * A fan-out too big for one history: its instances run in batches, each a child workflow of the run
 * ({@link FanOutBatchWorkflow}) sized to stay far below Temporal's 10,240-event warning. The run keeps
 * what later steps need: each instance step's status and outcome, the outputs later expressions read,
 * and per batch the steps a compensation would undo. {@code maxParallelism} is shared out between the
 * batches running at once; the first failure stops the others; a person's completion is forwarded to
 * the batch holding the task. Workflow code.
 */
final class SplitFanOut {

    /** A fan-out estimated above this many events runs in batches. */
    static final int INLINE_EVENTS = 2_000;
    /** The events one batch is sized for: far below the 10,240-event warning, whatever the retries. */
    static final int BATCH_EVENTS = 5_000;
    /** An automated step: scheduled, started, completed, its record marker and its share of workflow tasks. */
    private static final int AUTOMATED_STEP_EVENTS = 8;
    /** A manual step: its opening activity, two record markers, the completion, the timeout timer. */
    private static final int MANUAL_STEP_EVENTS = 16;
    /** Each deadline step of a task: its timer, the task event marker and the notice activity. */
    private static final int DEADLINE_STEP_EVENTS = 6;

    private final Logger log = Workflow.getLogger(SplitFanOut.class);
    private final Template template;
    private final RunState state;
    private final WorkflowRequest request;
    private final String workflowId;
    /** Instance key -> the batch running it, while a split phase runs. */
    private final Map<String, FanOutBatchWorkflow> routes = new LinkedHashMap<>();
    private Set<String> routedActivities = Set.of();

    SplitFanOut(Template template, RunState state, WorkflowRequest request, String workflowId) {
        this.template = template;
        this.state = state;
        this.request = request;
        this.workflowId = workflowId;
    }

    /** A fan-out's instances, handed out a batch at a time: from memory, or read from a parameter file as each batch starts. */
    interface Instances {
        /** @return how many there are */
        int size();

        /** @return instance key -> element of the instances from {@code offset}, at most {@code limit} */
        Map<String, Object> batch(int offset, int limit);

        /** @return instances held in memory */
        static Instances of(Map<String, Object> instances) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(instances.entrySet());
            return new Instances() {
                @Override
                public int size() {
                    return entries.size();
                }

                @Override
                public Map<String, Object> batch(int offset, int limit) {
                    Map<String, Object> batch = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> entry : entries.subList(offset, Math.min(entries.size(), offset + limit))) {
                        batch.put(entry.getKey(), entry.getValue());
                    }
                    return batch;
                }
            };
        }
    }

    /** @return whether a fan-out of this size runs in batches */
    static boolean wanted(int instances, List<ActivityTemplate> parallel) {
        return (long) instances * eventsPerInstance(parallel) > INLINE_EVENTS;
    }

    /** @return how many instances one batch runs */
    static int batchSize(List<ActivityTemplate> parallel) {
        return Math.max(1, BATCH_EVENTS / eventsPerInstance(parallel));
    }

    private static int eventsPerInstance(List<ActivityTemplate> parallel) {
        int events = 0;
        for (ActivityTemplate activity : parallel) {
            events += activity.manual()
                    ? MANUAL_STEP_EVENTS + DEADLINE_STEP_EVENTS * TaskDeadlines.of(activity).size()
                    : AUTOMATED_STEP_EVENTS;
        }
        return Math.max(1, events);
    }

    /** @return the step before an instance step: the instance's previous activity, or the phase's START */
    static StepKey parentOf(StepKey key, List<ActivityTemplate> parallel, StepKey phaseStart) {
        for (int k = 1; k < parallel.size(); k++) {
            if (parallel.get(k).code().equals(key.activityCode())) {
                return new StepKey(parallel.get(k - 1).code(), key.instanceKey());
            }
        }
        return phaseStart;
    }

    /**
     * Runs a phase's instances in batches and takes over how every step ended.
     *
     * @throws StepFailure the first instance's failure, once every batch has stopped
     */
    void run(PhaseTemplate phase, List<ActivityTemplate> parallel, Instances instances, int maxParallelism, StepKey phaseStart) {
        int batchSize = batchSize(parallel);
        int batchCount = (instances.size() + batchSize - 1) / batchSize;
        int atOnce = Math.min(batchCount, maxParallelism);
        int parallelism = Math.max(1, maxParallelism / atOnce);
        log.info("Phase '{}' fans out into {} instances: {} batches of up to {}, {} at once, {} instances each at once",
                phase.name(), instances.size(), batchCount, batchSize, atOnce, parallelism);
        List<StepSummary> upstream = upstream(parallel);
        List<String> keepOutputs = readLater(phase, parallel);
        // unique per execution (a resumed run is a new one under the same id), and the same on replay
        String idPrefix = workflowId + "/" + Long.toString(Workflow.getInfo().getRunStartedTimestampMillis(), 36) + "/p" + phase.order() + "/b";
        routedActivities = new HashSet<>(parallel.stream().map(ActivityTemplate::code).toList());
        int[] running = {0};
        String[] failure = {null};
        List<FanOutBatchWorkflow> launched = new ArrayList<>();
        List<Promise<Void>> ended = new ArrayList<>();
        try {
            for (int b = 0; b < batchCount; b++) {
                Workflow.await(() -> running[0] < atOnce || failure[0] != null);
                if (failure[0] != null) {
                    break;
                }
                FanOutBatch batch = new FanOutBatch(workflowId, request.businessKey(), template, phase.name(),
                        instances.batch(b * batchSize, batchSize), parallelism, phaseStart, upstream, keepOutputs, request.resume(), false);
                String childId = idPrefix + b;
                FanOutBatchWorkflow child = Workflow.newChildWorkflowStub(FanOutBatchWorkflow.class,
                        ChildWorkflowOptions.newBuilder().setWorkflowId(childId).build());
                batch.instances().keySet().forEach(key -> routes.put(key, child));
                launched.add(child);
                running[0]++;
                ended.add(Async.function(child::run, batch).handle((result, error) -> {
                    running[0]--;
                    batch.instances().keySet().forEach(routes::remove);
                    String problem;
                    if (error == null) {
                        problem = take(phase, childId, batch, result);
                    } else {
                        // cancelled with the run, or broken: what it did is in the records, and undone from there
                        state.completedAutomated(new RunState.SplitBatch(childId, batch));
                        problem = "batch " + childId + " of phase '" + phase.name() + "' ended without its report: " + error.getMessage();
                    }
                    if (problem != null && failure[0] == null) {
                        failure[0] = problem;
                    }
                    return null;
                }));
            }
            Workflow.await(() -> running[0] == 0 || failure[0] != null);
            if (failure[0] != null && running[0] > 0) {
                stopAll(launched, ended);
                Workflow.await(() -> running[0] == 0);
            }
        } catch (CanceledFailure e) {
            // the batches were asked to cancel with the run: take over what they did before compensating
            Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> running[0] == 0)).run();
            throw e;
        } finally {
            routes.clear();
            routedActivities = Set.of();
        }
        if (failure[0] != null) {
            throw new StepFailure(failure[0]);
        }
    }

    /** @return the batch running a task of the split phase now running, if it is one */
    Optional<FanOutBatchWorkflow> route(StepKey key) {
        return routedActivities.contains(key.activityCode()) ? Optional.ofNullable(routes.get(key.instanceKey())) : Optional.empty();
    }

    /** Adopts a batch's steps into the run's state; @return the batch's failure, or null */
    private String take(PhaseTemplate phase, String childId, FanOutBatch batch, BatchResult result) {
        boolean toUndo = false;
        for (StepSummary step : result.steps()) {
            ActivityTemplate activity = template.activity(step.key().activityCode()).orElseThrow();
            state.adopt(step, phase.name(), activity);
            toUndo |= step.status() == StepStatus.COMPLETED && !activity.manual();
        }
        if (toUndo) {
            state.completedAutomated(new RunState.SplitBatch(childId, batch));
        }
        return result.failure();
    }

    private void stopAll(List<FanOutBatchWorkflow> launched, List<Promise<Void>> ended) {
        for (int b = 0; b < launched.size(); b++) {
            if (!ended.get(b).isCompleted()) {
                try {
                    launched.get(b).stop();
                } catch (RuntimeException e) {
                    log.info("Batch {} ended before it could be stopped: {}", b, e.getMessage());
                }
            }
        }
    }

    /**
     * Undoes a batch's completed automated steps in a child workflow of their own, and takes over
     * what it undid.
     *
     * @return the steps whose compensation failed for good
     */
    static List<String> undo(RunState.SplitBatch split, RunState state) {
        FanOutBatchWorkflow child = Workflow.newChildWorkflowStub(FanOutBatchWorkflow.class,
                ChildWorkflowOptions.newBuilder().setWorkflowId(split.childId() + "/undo").build());
        BatchResult undone = child.run(split.batch().undoing());
        Template template = split.batch().template();
        for (StepSummary step : undone.steps()) {
            state.adopt(step, split.batch().phase(), template.activity(step.key().activityCode()).orElseThrow());
        }
        return undone.failedCompensations();
    }

    /** The run's steps the instances read: what their dependencies name and, when they have conditions, every output. */
    private List<StepSummary> upstream(List<ActivityTemplate> parallel) {
        Set<String> fanOut = new HashSet<>(parallel.stream().map(ActivityTemplate::code).toList());
        Set<String> named = new HashSet<>();
        for (ActivityTemplate activity : parallel) {
            for (Dependency dependency : activity.dependsOn()) {
                if (!fanOut.contains(dependency.activity())) {
                    named.add(dependency.activity());
                }
            }
        }
        boolean conditions = parallel.stream().anyMatch(a -> a.condition() != null);
        List<StepSummary> upstream = new ArrayList<>();
        for (RunState.Step step : state.steps()) {
            boolean completed = step.status == StepStatus.COMPLETED && step.output != null;
            if (named.contains(step.key.activityCode()) || conditions && completed) {
                upstream.add(new StepSummary(step.key, step.status, step.outcome, conditions ? step.output : null, step.error));
            }
        }
        return upstream;
    }

    /** @return the phase's parallel activities that a later condition or fan-out names */
    private List<String> readLater(PhaseTemplate phase, List<ActivityTemplate> parallel) {
        StringBuilder later = new StringBuilder();
        for (PhaseTemplate next : template.phases()) {
            if (next.order() > phase.order() && next.fanOut() != null) {
                later.append(next.fanOut()).append('\n');
            }
            if (next.order() >= phase.order()) {
                for (ActivityTemplate activity : next.activities()) {
                    if (activity.condition() != null) {
                        later.append(activity.condition()).append('\n');
                    }
                }
            }
        }
        String expressions = later.toString();
        return parallel.stream().map(ActivityTemplate::code)
                .filter(code -> Pattern.compile("\\b" + Pattern.quote(code) + "\\b").matcher(expressions).find())
                .toList();
    }
}
