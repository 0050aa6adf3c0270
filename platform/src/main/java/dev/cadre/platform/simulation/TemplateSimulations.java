package dev.cadre.platform.simulation;

import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.ScenarioCheck;
import dev.cadre.platform.templates.ScenarioRules;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.templates.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulations of templates: one scenario on request (REST, CLI), and every scenario a version keeps
 * before it is published.
 */
public final class TemplateSimulations implements ScenarioCheck {

    private final Simulator simulator;
    private final TemplateValidator validator;

    /**
     * @param simulator runs one scenario
     * @param validator checks a template (and its scenarios) before it is simulated
     */
    public TemplateSimulations(Simulator simulator, TemplateValidator validator) {
        this.simulator = simulator;
        this.validator = validator;
    }

    /**
     * @param template a template document, published or not
     * @param scenario the scenario to play
     * @return the run as it happened
     * @throws InvalidTemplateException when the template or the scenario has errors (every one, with its path)
     */
    public Simulation simulate(Template template, Scenario scenario) {
        ValidationReport report = new ValidationReport(validator.validate(template).errors()).plus(ScenarioRules.check(template, scenario));
        if (report.hasErrors()) {
            throw new InvalidTemplateException("cannot simulate template '" + template.code() + "': " + report.errors().size() + " problem(s)", report);
        }
        return simulator.simulate(template, scenario);
    }

    @Override
    public List<ScenarioFailure> failures(Template template) {
        List<ScenarioFailure> failures = new ArrayList<>();
        for (Scenario scenario : template.scenarios()) {
            Simulation simulation = simulator.simulate(template, scenario);
            if (!simulation.expectationsMet()) {
                failures.add(new ScenarioFailure(scenario.name(), simulation.differences()));
            }
        }
        return failures;
    }
}
