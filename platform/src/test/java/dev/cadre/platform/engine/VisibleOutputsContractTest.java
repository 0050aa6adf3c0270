package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.ActivityType;
import dev.cadre.platform.templates.ExecutionMode;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.RetryPolicy;
import dev.cadre.platform.templates.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test kit's {@link TestActivityContext} must show a handler the same upstream outputs as the host
 * ({@link VisibleOutputs}): a plugin tested with the kit meets no surprise in a running host. Each case
 * is a step of one template asking for every upstream output, after the same steps completed.
 */
class VisibleOutputsContractTest {

    /** Prepare: PREP; Collect (one fan-out): COLLECT_START, FETCH, CHECK per instance, COLLECT_END; Report (another fan-out): WRITE. */
    private static final Template TEMPLATE = new Template("contract", "Contract", 1, null, List.of(
            new PhaseTemplate("Prepare", 1, ExecutionMode.SEQUENTIAL, null, null, List.of(activity("PREP", false))),
            new PhaseTemplate("Collect", 2, ExecutionMode.PARALLEL, "parameters.items", null, List.of(
                    activity("COLLECT_START", false), activity("FETCH", true), activity("CHECK", true), activity("COLLECT_END", false))),
            new PhaseTemplate("Report", 3, ExecutionMode.PARALLEL, "parameters.items", null, List.of(activity("WRITE", true)))));

    /** What completed, in order: activity code, instance key. */
    private static final List<String[]> COMPLETED = List.of(
            new String[] {"PREP", ""}, new String[] {"COLLECT_START", ""},
            new String[] {"FETCH", "a"}, new String[] {"FETCH", "b"}, new String[] {"CHECK", "a"}, new String[] {"CHECK", "b"},
            new String[] {"COLLECT_END", ""});

    @ParameterizedTest(name = "{0}[{1}]")
    @CsvSource({"CHECK, a", "CHECK, b", "FETCH, a", "COLLECT_END, ''", "WRITE, a", "WRITE, c", "PREP, ''"})
    void testKitShowsWhatTheHostShows(String code, String instanceKey) {
        ActivityTemplate step = TEMPLATE.activity(code).orElseThrow();
        String phase = TEMPLATE.phaseOf(code).orElseThrow().name();

        VisibleOutputs host = new VisibleOutputs();
        TestActivityContext.Builder kit = TestActivityContext.builder().activityCode(code).phase(phase).instanceKey(instanceKey);
        for (String[] done : COMPLETED) {
            ActivityTemplate upstream = TEMPLATE.activity(done[0]).orElseThrow();
            Map<String, Object> output = Map.of("from", done[0] + done[1]);
            host.add(done[0], done[1], upstream.isParallel(), output);
            // the kit's documented categories: sequential, this instance of this fan-out, or any other instance
            if (!upstream.isParallel()) {
                kit.output(done[0], output);
            } else if (TEMPLATE.phaseOf(done[0]).orElseThrow().name().equals(phase) && step.isParallel() && done[1].equals(instanceKey)) {
                kit.sameInstanceOutput(done[0], output);
            } else {
                kit.instanceOutput(done[0], done[1], output);
            }
        }
        ActivityContext testKit = kit.build();

        assertEquals(host.asMap(), testKit.outputs(), "outputs()");
        List<String> asked = new ArrayList<>(TEMPLATE.activities().stream().map(ActivityTemplate::code).toList());
        asked.add("UNKNOWN");
        for (String upstream : asked) {
            Optional<Map<String, Object>> hostSees = VisibleOutputs.output(TEMPLATE, step, instanceKey, host.asMap(), upstream);
            assertEquals(hostSees, testKit.output(upstream), "output(" + upstream + ")");
        }
    }

    private static ActivityTemplate activity(String code, boolean parallel) {
        return new ActivityTemplate(code, code, ActivityType.TASK, false, "AutomatedActivityHandler",
                parallel ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL, 60, RetryPolicy.DEFAULT, null, Map.of(), List.of());
    }
}
