package dev.cadre.platform.console;

import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.runs.Execution;
import dev.cadre.platform.runs.InstanceView;
import dev.cadre.platform.runs.PhaseView;
import dev.cadre.platform.runs.RunDetail;
import dev.cadre.platform.runs.Round;
import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of a run's steps that were sent back for rework (or handed back after a failed check), for
 * the run page: per step, each earlier round as it ended, then the current one with why it runs again.
 */
final class ReworkView {

    private ReworkView() {
    }

    /** One round of one step. */
    record Row(String step, String round, String status, String outcome, String who, String at, String comment, String why) {
    }

    static List<Row> rows(RunDetail detail) {
        List<Row> rows = new ArrayList<>();
        for (PhaseView phase : detail.phases()) {
            for (ActivityView activity : phase.activities()) {
                add(rows, activity.code(), activity.status(), activity.execution());
                for (InstanceView instance : activity.instances() == null ? List.<InstanceView>of() : activity.instances()) {
                    add(rows, activity.code() + " · " + instance.instanceId(), instance.status(), instance.execution());
                }
            }
        }
        return rows;
    }

    private static void add(List<Row> rows, String step, String status, Execution execution) {
        if (execution == null || execution.round() <= 1) {
            return;
        }
        for (Round round : execution.earlierRounds()) {
            String comment = round.comment() != null ? round.comment() : Formats.text(round.lastError());
            rows.add(new Row(step, String.valueOf(round.round()), round.status(), Formats.text(round.outcome()), Formats.text(round.completedBy()),
                    Formats.time(round.completedAt()), comment, Formats.text(round.reworkNote())));
        }
        rows.add(new Row(step, String.valueOf(execution.round()), status, Formats.text(execution.outcome()), Formats.text(execution.completedBy()),
                Formats.time(execution.completedAt()), execution.comment() != null ? execution.comment() : Formats.text(execution.lastError()),
                Formats.text(execution.reworkNote())));
    }
}
