package dev.cadre.bench;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.ActivityType;
import dev.cadre.platform.templates.Dependency;
import dev.cadre.platform.templates.DependencyType;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.util.List;
import java.util.Map;

/**
 * The test cycle made all-automated, same shape (9 phases, 49 activities, fan-out 3/3/3): manual
 * steps become {@link BenchWorkHandler} tasks, conditions are dropped, approvals become completions.
 */
final class BenchTemplate {

    static final String CODE = "bench-cycle";
    static final Map<String, Object> PARAMETERS = Map.of(
            "dataOwners", List.of("finance", "credit-risk", "operations"),
            "documents", List.of("doc-1", "doc-2", "doc-3"),
            "executions", List.of("exec-1", "exec-2", "exec-3"));
    /** Activity executions per cycle: 35 sequential + 3 x 5 + 3 x 4 + 3 x 5. */
    static final int ACTIVITIES_PER_CYCLE = 35 + 15 + 12 + 15;

    private BenchTemplate() {
    }

    static Template from(Template testCycle) {
        List<String> fanOuts = List.of("parameters.dataOwners", "parameters.documents", "parameters.executions");
        int[] parallelPhase = {0};
        List<PhaseTemplate> phases = testCycle.phases().stream().map(p -> new PhaseTemplate(p.name(), p.order(), p.executionMode(),
                p.isParallel() ? fanOuts.get(parallelPhase[0]++) : null, p.maxParallelism(),
                p.activities().stream().map(BenchTemplate::automated).toList())).toList();
        return new Template(CODE, "Benchmark cycle", 1, "all-automated test cycle", phases);
    }

    private static ActivityTemplate automated(ActivityTemplate a) {
        boolean marker = a.type() == ActivityType.START || a.type() == ActivityType.COMPLETE;
        return new ActivityTemplate(a.code(), a.name(), marker ? a.type() : ActivityType.TASK, false,
                marker ? "AutomatedActivityHandler" : BenchWorkHandler.NAME, a.executionMode(), 60,
                a.retryPolicy().maximumAttempts() < 3 ? dev.cadre.platform.templates.RetryPolicy.DEFAULT : a.retryPolicy(),
                null, Map.of(), a.dependsOn().stream().map(d -> new Dependency(d.activity(), DependencyType.COMPLETION)).toList());
    }
}
