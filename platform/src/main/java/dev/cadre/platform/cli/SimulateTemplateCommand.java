package dev.cadre.platform.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.simulation.Simulation;
import dev.cadre.platform.simulation.Simulator;
import dev.cadre.platform.simulation.TemplateSimulations;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cadre templates simulate <file> [--scenario S.json]}: offline, no database, no live Temporal. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Play a scenario through a template on Temporal's time-skipping test environment: handlers stubbed, people played "
                + "by the scenario, nothing written anywhere. Prints the run as POST /api/templates/simulate answers it. Without "
                + "--scenario, plays every scenario the document keeps. Exit code 1 when an expectation does not hold.")
final class SimulateTemplateCommand extends CadreCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The template document (JSON).")
    Path file;

    @Option(names = "--scenario", paramLabel = "<file>", description = "A scenario document (JSON): name, parameters, outputs, people, expect.")
    Path scenarioFile;

    @Override
    int execute() {
        TemplateDocuments documents = new TemplateDocuments();
        Template template = TemplateCommands.read(documents, file);
        List<Scenario> scenarios = scenarioFile == null ? template.scenarios() : List.of(documents.readScenario(read(scenarioFile)));
        if (scenarios.isEmpty()) {
            throw new InvalidInputException(file + " keeps no scenarios; give one with --scenario");
        }
        var shapes = main().handlerShapes();
        ExpressionEngine expressions = new ExpressionEngine();
        TemplateSimulations simulations = new TemplateSimulations(
                new Simulator(expressions, handler -> Optional.ofNullable(shapes.get(handler)), Duration.ofMinutes(10)),
                TemplateValidator.offline(expressions, handler -> Optional.ofNullable(shapes.get(handler))));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        boolean met = true;
        for (Scenario scenario : scenarios) {
            Simulation simulation = simulations.simulate(template, scenario);
            try {
                out().println(mapper.writeValueAsString(simulation));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the simulation: " + e.getOriginalMessage(), e);
            }
            err().println(scenario.name() + ": " + simulation.status() + " after " + simulation.simulatedDuration() + " simulated"
                    + (simulation.expectationsMet() ? "" : "; NOT as expected: " + String.join("; ", simulation.differences())));
            met &= simulation.expectationsMet();
        }
        return met ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage());
        }
    }
}
