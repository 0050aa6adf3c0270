package dev.cadre.platform.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final BuiltinHandlerRegistry BUILTINS = BuiltinHandlerRegistry.fromClassPath();
    private final Simulator simulator = new Simulator(new ExpressionEngine(), BUILTINS::outputShape, Duration.ofMinutes(2));

    static Template testCycle() throws Exception {
        return new TemplateDocuments().read(Files.readString(Path.of("../distribution/src/main/templates/test-cycle.json")));
    }

    @Test
    void happyPath() throws Exception {
        Template template = testCycle();
        Scenario scenario = new Scenario("happy", Map.of("dataOwners", List.of("credit-risk", "loan-servicing")),
                Map.of("DATA_PROFILING", Map.of("anomalyCount", 1),
                        "VALIDATE_DATA_UPLOAD/credit-risk", Map.of("documents", List.of("credit-risk/loans.csv")),
                        "VALIDATE_DATA_UPLOAD/loan-servicing", Map.of("documents", List.of("loan-servicing/loans.csv")),
                        "CREATE_OBSERVATIONS", Map.of("observationCount", 1)),
                Map.of("*", new Scenario.Person(null, "P1D", null)), new Scenario.Expectation("COMPLETED", List.of(), List.of()));
        long began = System.nanoTime();
        Simulation simulation = simulator.simulate(template, scenario);
        System.out.println("wall ms " + (System.nanoTime() - began) / 1_000_000);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(simulation));
        assertEquals("COMPLETED", simulation.status(), simulation.differences().toString());
    }
}
