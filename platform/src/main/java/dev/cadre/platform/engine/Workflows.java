package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateNotFoundException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Starts, completes, cancels and queries template workflows: what the admin endpoint and CLI call. */
public final class Workflows {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Workflows.class);

    /** How long a call made for an HTTP request may wait for Temporal. */
    public static final java.time.Duration REQUEST_DEADLINE = java.time.Duration.ofSeconds(30);

    private final WorkflowClient client;
    private final String taskQueue;
    private final TemplateCatalog templates;
    private final RequestDeadline deadline;
    /** The parameter files starts may name; {@code null} where there are none. */
    private final ParameterFiles files;

    /**
     * @param client    the Temporal client
     * @param taskQueue the queue the workers poll
     * @param templates to check a template exists before starting on it
     */
    public Workflows(WorkflowClient client, String taskQueue, TemplateCatalog templates) {
        this(client, taskQueue, templates, REQUEST_DEADLINE);
    }

    /**
     * @param client    the Temporal client
     * @param taskQueue the queue the workers poll
     * @param templates to check a template exists before starting on it
     * @param files     the parameter files a start may name
     */
    public Workflows(WorkflowClient client, String taskQueue, TemplateCatalog templates, ParameterFiles files) {
        this(client, taskQueue, templates, files, REQUEST_DEADLINE);
    }

    /**
     * @param client    the Temporal client
     * @param taskQueue the queue the workers poll
     * @param templates to check a template exists before starting on it
     * @param deadline  how long a completion may wait for the workflow to take it
     */
    public Workflows(WorkflowClient client, String taskQueue, TemplateCatalog templates, java.time.Duration deadline) {
        this(client, taskQueue, templates, null, deadline);
    }

    private Workflows(WorkflowClient client, String taskQueue, TemplateCatalog templates, ParameterFiles files, java.time.Duration deadline) {
        this.files = files;
        this.client = client;
        this.taskQueue = taskQueue;
        this.templates = templates;
        this.deadline = new RequestDeadline(deadline);
    }

    /**
     * An accepted start.
     *
     * @param workflowId the new workflow's id
     * @param runId      its run id
     * @param version    the template version it runs on
     */
    public record Started(String workflowId, String runId, int version) {
    }

    /**
     * Starts a workflow on the published (or the given) version of a template.
     *
     * @param request template, business key and parameters
     * @return the workflow's ids
     * @throws TemplateNotFoundException when there is no such template version
     * @throws dev.cadre.platform.templates.InvalidParametersException when the parameters do not fit the template's declaration
     */
    public Started start(WorkflowRequest request) {
        Template template = templates.find(request.template(), request.version()).orElseThrow(() -> new TemplateNotFoundException(
                request.template(), request.version(), request.version() == null
                        ? "template '" + request.template() + "' has no published version"
                        : "template '" + request.template() + "' has no version " + request.version()));
        String workflowId = template.code() + "-" + slug(request.businessKey()) + "-" + HexFormat.of().formatHex(randomBytes());
        WorkflowRequest pinned = new WorkflowRequest(template.code(), template.version(), request.businessKey(),
                dev.cadre.platform.templates.TemplateParameters.checked(template, withFiles(template, request.parameters())));
        PayloadSize.checkStartParameters(template.code(), pinned.parameters());
        TemplateWorkflow workflow = client.newWorkflowStub(TemplateWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setMemo(java.util.Map.of(BUSINESS_KEY_MEMO, request.businessKey() == null ? "" : request.businessKey()))
                .build());
        var execution = WorkflowClient.start(workflow::run, pinned);
        return new Started(execution.getWorkflowId(), execution.getRunId(), template.version());
    }

    /** @return the parameters with each file they name resolved, refused as invalid when one cannot be used */
    private java.util.Map<String, Object> withFiles(Template template, java.util.Map<String, Object> parameters) {
        if (files == null) {
            return parameters;
        }
        try {
            return files.resolve(template.phases().stream().map(dev.cadre.platform.templates.PhaseTemplate::fanOut)
                    .filter(java.util.Objects::nonNull).toList(), parameters);
        } catch (ParameterFileException e) {
            throw new dev.cadre.platform.templates.InvalidParametersException(template.code(), List.of(e.getMessage()));
        }
    }

    /**
     * Delivers a person's completion; the workflow validates it first.
     *
     * @param workflowId the workflow
     * @param completion the completion
     * @return what the workflow recorded
     * @throws CompletionRefusedException with the workflow's reason when refused
     * @throws WorkflowNotFoundException  when the workflow is unknown or has ended
     * @throws TemporalTimeoutException   when the workflow did not take it within the deadline
     */
    public CompletionReceipt complete(String workflowId, Completion completion) {
        try {
            return deadline.call("completing " + completion.activityCode() + " in " + workflowId,
                    () -> client.newWorkflowStub(TemplateWorkflow.class, workflowId).complete(completion));
        } catch (WorkflowUpdateException e) {
            throw new CompletionRefusedException(workflowId, reason(e));
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            throw new WorkflowNotFoundException(workflowId);
        } catch (WorkflowException e) {
            throw new CompletionRefusedException(workflowId, "the workflow is not running: " + reason(e));
        }
    }

    /**
     * Requests cancellation; the workflow compensates and ends CANCELLED.
     *
     * @param workflowId the workflow
     */
    public void cancel(String workflowId) {
        try {
            client.newUntypedWorkflowStub(workflowId).cancel();
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            throw new WorkflowNotFoundException(workflowId);
        }
    }

    /**
     * @param workflowId the workflow
     * @return its live progress, or empty when Temporal no longer knows it or it does not answer in time
     */
    public Optional<Progress> progress(String workflowId) {
        try {
            return Optional.of(client.newWorkflowStub(TemplateWorkflow.class, workflowId).progress());
        } catch (io.temporal.client.WorkflowNotFoundException | io.temporal.client.WorkflowQueryException e) {
            return Optional.empty();
        } catch (io.temporal.client.WorkflowServiceException e) {
            // a busy run may not answer within the query's deadline: the records still tell where it stands
            log.debug("Live progress of {} unavailable: {}", workflowId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * How close a run is to Temporal's history limits (warning at 10,240 events, hard stop at 51,200).
     *
     * @param executions the workflow executions the run has used (its continued-as-new runs and children)
     * @param maxEvents  the most history events any of them has
     */
    public record History(int executions, long maxEvents) {
    }

    /**
     * Walks every execution's history in Temporal: costly, for diagnostics and for tests that check the
     * run records' own counts ({@code RunRecordQueries.history}, what the detail endpoint answers).
     *
     * @param workflowId the workflow
     * @return its history size from Temporal's describe, or empty when Temporal does not know the run
     */
    public Optional<History> history(String workflowId) {
        return describe(client, workflowId).map(latest -> {
            int executions = 0;
            long maxEvents = 0;
            // back along the continued-as-new runs; each names the batches (child workflows) it started
            String runId = latest.getExecution().getRunId();
            while (runId != null && !runId.isEmpty()) {
                List<io.temporal.api.history.v1.HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
                executions++;
                maxEvents = Math.max(maxEvents, events.size());
                runId = null;
                for (io.temporal.api.history.v1.HistoryEvent event : events) {
                    if (event.hasWorkflowExecutionStartedEventAttributes()) {
                        runId = event.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
                    } else if (event.hasChildWorkflowExecutionStartedEventAttributes()) {
                        io.temporal.api.common.v1.WorkflowExecution child = event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
                        Optional<io.temporal.client.WorkflowExecutionDescription> described = describe(client, child.getWorkflowId());
                        if (described.isPresent()) {
                            executions++;
                            maxEvents = Math.max(maxEvents, described.get().getHistoryLength());
                        }
                    }
                }
            }
            return new History(executions, maxEvents);
        });
    }

    /** The memo key a started run keeps its business key under, for the moments before its first record is written. */
    static final String BUSINESS_KEY_MEMO = "businessKey";

    /**
     * @param workflowId the workflow
     * @return the business key Temporal keeps with a run started by this version of Cadre, if it knows the run
     */
    public Optional<String> businessKey(String workflowId) {
        try {
            return describe(client, workflowId).map(d -> (String) d.getMemo(BUSINESS_KEY_MEMO, String.class))
                    .filter(k -> !k.isEmpty());
        } catch (RuntimeException e) {
            log.debug("Business key of {} unavailable from Temporal: {}", workflowId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * @param client     the Temporal client
     * @param workflowId a workflow
     * @return Temporal's description of its latest run, or empty when Temporal does not know it
     */
    static Optional<io.temporal.client.WorkflowExecutionDescription> describe(WorkflowClient client, String workflowId) {
        try {
            return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            return Optional.empty();
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @param workflowId the workflow
     * @return an untyped stub, for waiting on the result
     */
    public WorkflowStub stub(String workflowId) {
        return client.newUntypedWorkflowStub(workflowId);
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ApplicationFailure application) {
                return application.getOriginalMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage();
    }

    /** Makes a business key safe and short for use inside a workflow id. */
    static String slug(String businessKey) {
        String slug = businessKey == null ? "" : businessKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "run" : slug.substring(0, Math.min(40, slug.length()));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
