package dev.cadre.platform.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every scenario the test cycle ships with gives the result it expects, on the time-skipping test environment. */
class ShippedScenariosTest {

    private static final BuiltinHandlerRegistry BUILTINS = BuiltinHandlerRegistry.fromClassPath();
    private final Simulator simulator = new Simulator(new ExpressionEngine(), BUILTINS::outputShape, Duration.ofMinutes(2));

    static Template testCycle() throws Exception {
        return new TemplateDocuments().read(Files.readString(Path.of("../distribution/src/main/templates/test-cycle.json")));
    }

    private Simulation run(String name) throws Exception {
        Template template = testCycle();
        Scenario scenario = template.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        Simulation simulation = simulator.simulate(template, scenario);
        assertTrue(simulation.expectationsMet(), name + ": " + simulation.differences());
        return simulation;
    }

    @Test
    void theTestCycleShipsItsFourScenarios() throws Exception {
        assertEquals(List.of("happy path", "final sign-off rejected", "a data owner who never uploads", "no data owners"),
                testCycle().scenarios().stream().map(Scenario::name).toList());
    }

    @Test
    void happyPath() throws Exception {
        Simulation simulation = run("happy path");
        assertEquals("COMPLETED", simulation.status());
        assertEquals(List.of(new Simulation.FanOut("Request for Information", 2), new Simulation.FanOut("Test Execution", 2),
                new Simulation.FanOut("Observation Management", 2)), simulation.fanOuts());
        System.out.println(simulation);
    }

    @Test
    void finalSignOffRejected() throws Exception {
        Simulation simulation = run("final sign-off rejected");
        assertEquals("FAILED", simulation.status());
        assertTrue(simulation.steps().stream().filter(s -> s.activity().equals("GENERATE_FINAL_REPORT")).allMatch(s -> s.status().equals("COMPENSATED")),
                "the failed run is undone");
        assertTrue(Duration.parse(simulation.criticalPath().duration()).compareTo(Duration.parse(simulation.simulatedDuration())) <= 0,
                "the phases' durations add up to no more than the run's: " + simulation.criticalPath());
        System.out.println(simulation);
    }

    @Test
    void aDataOwnerWhoNeverUploads() throws Exception {
        Simulation simulation = run("a data owner who never uploads");
        System.out.println(simulation);
    }

    @Test
    void noDataOwners() throws Exception {
        Simulation simulation = run("no data owners");
        System.out.println(simulation);
    }
}
