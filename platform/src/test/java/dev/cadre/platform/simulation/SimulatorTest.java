package dev.cadre.platform.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole test cycle with people taking most of a day over every task: weeks of simulated time on the
 * time-skipping test environment. The wall time is logged (benchmarks measure speed; tests do not time it).
 */
class SimulatorTest {

    private static final Logger log = LoggerFactory.getLogger(SimulatorTest.class);
    private static final BuiltinHandlerRegistry BUILTINS = BuiltinHandlerRegistry.fromClassPath();
    private final Simulator simulator = new Simulator(new ExpressionEngine(), BUILTINS::outputShape, Duration.ofMinutes(5));

    @Test
    void theFullTestCycleWithPeopleTakingDays() throws Exception {
        Template template = ShippedScenariosTest.testCycle();
        Scenario happy = template.scenarios().get(0);
        Scenario slow = new Scenario("slow people", happy.parameters(), happy.outputs(),
                Map.of("*", new Scenario.Person(null, "PT20H", null)), new Scenario.Expectation("COMPLETED", List.of("SIGN_OFF_REPORT"), List.of()));
        long began = System.nanoTime();
        Simulation simulation = simulator.simulate(template, slow);
        log.info("Simulated the full test cycle ({} of simulated time) in {} ms of wall time", simulation.simulatedDuration(),
                (System.nanoTime() - began) / 1_000_000);
        assertTrue(simulation.expectationsMet(), simulation.differences().toString());
        assertTrue(Duration.parse(simulation.simulatedDuration()).compareTo(Duration.ofDays(14)) > 0, simulation.simulatedDuration());
        // 20 tasks on the critical path (every instance runs concurrently), each 20 h
        assertEquals(49, simulation.steps().stream().map(Simulation.SimulatedStep::activity).distinct().count(), "every activity ran");
        assertTrue(simulation.criticalPath().phases().stream().allMatch(Simulation.CriticalPath.PhaseTime::within), simulation.criticalPath().toString());
        assertTrue(simulation.deadlines().stream().anyMatch(d -> d.action().equals("remind")), "the 12 h reminders fire before people answer at 20 h");
    }

    @Test
    void aReviewerWhoSendsTheAttributesBackOnceThenApproves() throws Exception {
        Template template = ShippedScenariosTest.testCycle();
        Scenario happy = template.scenarios().get(0);
        Scenario rework = new Scenario("sent back once", happy.parameters(), happy.outputs(),
                Map.of("*", new Scenario.Person(null, "PT1H", null), "REVIEW_ATTRIBUTES", new Scenario.Person("REWORK", "PT2H", null)),
                new Scenario.Expectation("COMPLETED", List.of("SIGN_OFF_REPORT"), List.of()));
        Simulation simulation = simulator.simulate(template, rework);
        assertTrue(simulation.expectationsMet(), simulation.differences().toString());
        assertEquals(List.of("APPROVED"), simulation.steps().stream().filter(s -> s.activity().equals("REVIEW_ATTRIBUTES"))
                .map(Simulation.SimulatedStep::outcome).toList(), "round 2 passes");
    }
}
