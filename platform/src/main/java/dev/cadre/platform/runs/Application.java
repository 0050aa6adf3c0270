package dev.cadre.platform.runs;

/**
 * The application layer the edges (the REST endpoint and the console) call, built once by the
 * composition root ({@code HostServices#application}): each edge class takes the parts it needs from
 * here, never the whole host.
 *
 * @param runs      runs: lists, detail, inbox, statistics, start, cancel, resume, migrate
 * @param tasks     completing a person's task
 * @param artifacts a run's artifacts as people read and write them
 */
public record Application(Runs runs, TaskCompletion tasks, ArtifactService artifacts) {
}
