package dev.cadre.platform.runs;

import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.templates.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of the run records, the one way the admin endpoint, the console and the task rules
 * read them: workflow list and detail, a run's id and outputs, the manual-task inbox, who may complete
 * a task, and handler and task statistics, each as a typed view: no row or column name leaves it.
 * Read-only and always bounded by a limit, one run or a time window. The host builds one ({@link JdbcRunRecordQueries}) and hands it to its users.
 */
public interface RunRecordQueries {

    /** The most rows a list returns, whatever the client asks. */
    int MAX_LIMIT = 500;

    /**
     * @param status      a workflow status, or {@code null} for any
     * @param template    a template code, or {@code null} for any
     * @param businessKey part of a business key (case-insensitive), or {@code null} for any
     * @param limit       at most this many (and never more than {@link #MAX_LIMIT}), newest first
     * @return the runs
     */
    List<RunSummary> workflows(String status, String template, String businessKey, int limit);

    /**
     * @param workflowId a run
     * @return the run's record, with its internal ids for {@link #steps}
     */
    Optional<Run> workflow(String workflowId);

    /**
     * @param workflowId a run
     * @return the run's internal id (what artifacts and outputs are kept under), if there is such a run
     */
    Optional<Long> runId(String workflowId);

    /**
     * @param runId the run's internal id
     * @return the completed outputs as handlers and expressions see them (by activity code; a parallel
     *         activity's as a map from instance key to output)
     */
    Map<String, Object> outputs(long runId);

    /**
     * Every activity of the run's template, in phase and sequence order, each joined with its run records
     * (none yet, one, or one per fan-out instance, in instance order).
     *
     * @param runId    the run's internal id
     * @param template the version of its template the run is on (a cached snapshot: only the records are read)
     * @return the rows
     */
    List<StepRow> steps(long runId, Template template);

    /**
     * As {@link #steps(long, Template)}, with at most {@code perActivity} instances of each parallel activity: those
     * that need attention first (FAILED, WAITING, RUNNING, PENDING), then by instance id. A run's detail reads
     * this, so a 100,000-instance run answers in a fraction of a second.
     *
     * @param runId       the run's internal id
     * @param templateId  its template's id
     * @param perActivity the most instances of one activity
     * @param counts      the run's {@link #instanceCounts}: activities without instances needing attention are not searched for any
     * @return the rows
     */
    List<StepRow> steps(long runId, long templateId, int perActivity, Map<String, Map<String, Long>> counts);

    /**
     * @param runId the run's internal id
     * @return per parallel activity code, how many of its instances are in each status
     */
    Map<String, Map<String, Long>> instanceCounts(long runId);

    /**
     * @param runId the run's internal id
     * @return when and why the run was continued from its records, oldest first
     */
    List<Resumption> resumptions(long runId);

    /**
     * What a run's detail needs to know before it reads the rest, in one statement: so that it reads
     * resumptions and task events only when there are some, and walks its instances capped only when it
     * has many.
     *
     * @param history     the run's history counts, from its records
     * @param resumptions how many times it was continued from its records
     * @param taskEvents  how many task events (deadline steps that fired) it has
     * @param instances   how many fan-out instances it has, counted up to the limit asked for
     */
    record RunExtent(RunHistory history, long resumptions, long taskEvents, long instances) {
    }

    /**
     * @param runId          the run's internal id
     * @param instancesUpTo  count its fan-out instances up to this many (a bounded walk of the key, whatever the fan-out)
     * @return its extent
     */
    RunExtent extent(long runId, int instancesUpTo);

    /**
     * @param runId the run's internal id
     * @return the run's task events (deadline steps that fired), oldest first
     */
    List<TaskEvent> taskEvents(long runId);

    /**
     * The manual-task inbox, oldest due first.
     *
     * @param status     the task status (WAITING for the inbox proper)
     * @param assignee   an assignee role, or {@code null} for any
     * @param roles      only tasks of one of these roles (assigned or escalated to), or {@code null} for any
     * @param person     with {@code roles}: leave out tasks assigned to another person (unless escalated to one of the
     *                   roles), or {@code null}
     * @param workflowId one workflow, or {@code null} for all
     * @param limit      at most this many (and never more than {@link #MAX_LIMIT})
     * @return the tasks
     */
    List<TaskView> tasks(StepStatus status, String assignee, List<String> roles, String person, String workflowId, int limit);

    /**
     * @param workflowId a run
     * @return its manual tasks waiting for a person, with their roles and assignee
     */
    List<WaitingTask> waitingTasks(String workflowId);

    /**
     * @param since how far back from now
     * @return per handler and source, the executions that started in the window
     */
    List<HandlerStats> handlerStats(Duration since);

    /**
     * @param since how far back from now completions count (waiting tasks always count)
     * @return per manual activity and role, waiting, overdue and completed tasks
     */
    List<TaskStats> taskStats(Duration since);

    /**
     * One handler's executions in the window.
     *
     * @param handler    handler name
     * @param source     {@code builtin} or {@code pluginId@version}
     * @param executions steps that ran it (each may have taken several attempts)
     * @param failures   steps that ended FAILED
     * @param retries    attempts beyond the first, over all its steps
     * @param p50Seconds median time from start to end of the automated steps that ended, or {@code null}
     * @param p95Seconds 95th percentile of the same, or {@code null}
     * @param maxSeconds the longest, or {@code null}
     */
    record HandlerStats(String handler, String source, long executions, long failures, long retries, Double p50Seconds,
            Double p95Seconds, Double maxSeconds) {
    }

    /**
     * One manual activity's tasks for one role.
     *
     * @param activity      activity code
     * @param role          assignee role ({@code none} when the template names none)
     * @param waiting       tasks waiting now
     * @param overdue       waiting tasks past their due time
     * @param completed     tasks completed in the window
     * @param medianSeconds median time from opening to completion in the window, or {@code null}
     * @param p95Seconds    95th percentile of the same, or {@code null}
     */
    record TaskStats(String activity, String role, long waiting, long overdue, long completed, Double medianSeconds, Double p95Seconds) {
    }
}
