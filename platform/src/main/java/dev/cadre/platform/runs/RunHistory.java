package dev.cadre.platform.runs;

/**
 * How close a run is to Temporal's history limits (warning at 10,240 events, hard stop at 51,200), as
 * the run records hold it: the workflow writes each execution's count when it ends, so reading it
 * never walks Temporal's histories.
 *
 * @param executions the workflow executions the run has used: its first run, each continued-as-new or
 *                   resumed run, each fan-out batch (an execution still running counts once it started
 *                   or, for a batch, once it ended)
 * @param maxEvents  the most history events any ended execution had
 */
public record RunHistory(int executions, long maxEvents) {
}
