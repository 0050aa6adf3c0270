package dev.cadre.platform.simulation;

import dev.cadre.platform.engine.EngineRecordsImpl;
import dev.cadre.platform.engine.EngineWorker;
import dev.cadre.platform.engine.HandlerAvailability;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.engine.TaskNotifications;
import dev.cadre.platform.engine.TemplateWorkflow;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.WorkflowResult;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateParameters;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario through a template on Temporal's time-skipping test environment, apart from any
 * live run: the engine's own workflow code runs it, its handlers are stubbed ({@link SimulatedHandlers}),
 * its people are the scenario's ({@link ScenarioPeople}, answering through the same update a person
 * uses, after their simulated delay), and its record writes go to memory ({@link SimulationRecords}).
 * Days of waiting on people take seconds.
 */
public final class Simulator {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    private static final String QUEUE = "cadre-simulation";

    private final ExpressionEngine expressions;
    private final Function<String, Optional<Map<String, Object>>> outputShapes;
    private final Duration wallLimit;

    /**
     * @param expressions  the host's CEL engine, which the simulated workflow evaluates with
     * @param outputShapes handler name to its declared output shape, for examples of outputs no scenario gives
     * @param wallLimit    how much wall time one simulation may take
     */
    public Simulator(ExpressionEngine expressions, Function<String, Optional<Map<String, Object>>> outputShapes, Duration wallLimit) {
        this.expressions = expressions;
        this.outputShapes = outputShapes;
        this.wallLimit = wallLimit;
    }

    /**
     * @param template a valid template (published or not)
     * @param scenario a scenario valid for it
     * @return the run as it happened
     * @throws SimulationException when the start parameters do not fit, or the run does not end within the wall limit
     */
    public Simulation simulate(Template template, Scenario scenario) {
        Map<String, Object> parameters = TemplateParameters.checked(template, scenario.parameters());
        template.expressions().forEach(expressions::problems); // compiled (and cached) here, not on the workflow thread
        long began = System.nanoTime();
        String workflowId = "simulation-" + UUID.randomUUID();
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
            SimulationRecords records = new SimulationRecords(environment::currentTimeMillis);
            WorkflowClient client = environment.getWorkflowClient();
            ScenarioPeople people = new ScenarioPeople(scenario);
            Worker worker = environment.newWorker(QUEUE);
            EngineWorker.registerWorkflows(worker, expressions);
            worker.registerActivitiesImplementations(
                    new SimulatedHandlers(template, scenario, records, outputShapes,
                            (activity, key) -> schedule(environment, client, workflowId, people, activity, key)),
                    new EngineRecordsImpl((code, version) -> Optional.of(template), records, null),
                    new HandlerAvailability() { // a simulation has every handler
                        @Override
                        public void awaitHandler(String handlerName) {
                        }

                        @Override
                        public boolean served(String handlerName) {
                            return true;
                        }
                    },
                    (TaskNotifications) notice -> {
                    });
            environment.start();
            TemplateWorkflow workflow = client.newWorkflowStub(TemplateWorkflow.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(workflow::run, new WorkflowRequest(template.code(), template.version(), "simulation", parameters));
            try {
                WorkflowStub.fromTyped(workflow).getResultAsync(WorkflowResult.class).get(wallLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                log.debug("Simulated run of {} ended with {}", template.code(), e.getCause().toString());
            } catch (TimeoutException e) {
                throw new SimulationException("the simulation of '" + scenario.name() + "' did not end within " + wallLimit.toSeconds()
                        + " s of wall time; simulated so far: " + Duration.ofMillis(environment.currentTimeMillis() - records.startedAt().toEpochMilli()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SimulationException("the simulation of '" + scenario.name() + "' was interrupted");
            }
            Simulation simulation = new SimulationReport(template, scenario, records).build();
            log.info("Simulated '{}' of {} v{}: {} after {} simulated, in {} ms", scenario.name(), template.code(), template.version(),
                    simulation.status(), simulation.simulatedDuration(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return simulation;
        }
    }

    /** The scenario's person completes the task after their delay, as the time-skipping server counts it. */
    private static void schedule(TestWorkflowEnvironment environment, WorkflowClient client, String workflowId, ScenarioPeople people,
            ActivityTemplate activity, StepKey key) {
        people.after(activity, key).ifPresent(after -> environment.registerDelayedCallback(after, () -> {
            try {
                // time stands still while the callback runs: the completion lands exactly at its moment
                client.newWorkflowStub(TemplateWorkflow.class, workflowId).complete(people.completion(activity, key));
            } catch (RuntimeException e) {
                log.debug("Simulated completion of {} refused: {}", key, e.getMessage()); // the task timed out first
            }
        }));
    }
}
