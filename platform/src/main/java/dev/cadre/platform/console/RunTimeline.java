package dev.cadre.platform.console;

import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.runs.Execution;
import dev.cadre.platform.runs.InstanceView;
import dev.cadre.platform.runs.PhaseView;
import dev.cadre.platform.runs.RunDetail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's phases and steps on one time axis, from its start to its end (or now), as bars the run page draws
 * in SVG: a manual step's bar is people's time (the task waited for someone), an automated step's is
 * machine time, and the totals of each are shown apart. A parallel step is one bar from its first
 * instance's start to its last one's end. Positions are percentages, so the chart fits any width.
 */
final class RunTimeline {

    private RunTimeline() {
    }

    /** A step on the axis; {@code kind} is {@code people} or {@code machine}. */
    record Bar(String label, String kind, String left, String width, String took, String status, String described) {
    }

    /** A phase: its own span, then its steps. */
    record Lane(String phase, String status, String left, String width, String took, List<Bar> bars) {
    }

    /** The chart and its totals. */
    record Chart(boolean hasBars, String from, String to, String total, String people, String machine, List<Lane> lanes) {
    }

    private record Span(Instant start, Instant end) {
    }

    /**
     * @param detail the run
     * @param now    the end of the axis for a run still going
     */
    static Chart of(RunDetail detail, Instant now) {
        List<Lane> lanes = new ArrayList<>();
        Instant t0 = detail.startedAt();
        Instant t1 = detail.completedAt() != null ? detail.completedAt() : now;
        Duration people = Duration.ZERO;
        Duration machine = Duration.ZERO;
        boolean any = false;
        if (t0 == null) {
            t0 = earliest(detail).orElse(now);
        }
        if (!t1.isAfter(t0)) {
            t1 = t0.plusMillis(1);
        }
        for (PhaseView phase : detail.phases()) {
            List<Bar> bars = new ArrayList<>();
            Instant phaseStart = null;
            Instant phaseEnd = null;
            for (ActivityView step : phase.activities()) {
                Span span = span(step, now);
                if (span == null) {
                    continue;
                }
                any = true;
                Duration took = Duration.between(span.start, span.end);
                if (step.manual()) {
                    people = people.plus(took);
                } else {
                    machine = machine.plus(took);
                }
                String kind = step.manual() ? "people" : "machine";
                String label = step.name() + (step.instanceCount() == null ? "" : String.format(" (%,d instances)", step.instanceCount()));
                bars.add(new Bar(label, kind, pct(t0, t1, span.start), width(t0, t1, span.start, span.end), Formats.duration(took), step.status(),
                        label + ": " + (step.manual() ? "waited for people " : "machine time ") + Formats.duration(took)));
                phaseStart = phaseStart == null || span.start.isBefore(phaseStart) ? span.start : phaseStart;
                phaseEnd = phaseEnd == null || span.end.isAfter(phaseEnd) ? span.end : phaseEnd;
            }
            if (!bars.isEmpty()) {
                lanes.add(new Lane(phase.name(), phase.status(), pct(t0, t1, phaseStart), width(t0, t1, phaseStart, phaseEnd),
                        Formats.duration(Duration.between(phaseStart, phaseEnd)), bars));
            }
        }
        return new Chart(any, Formats.time(t0), Formats.time(t1), Formats.duration(Duration.between(t0, t1)), Formats.duration(people),
                Formats.duration(machine), lanes);
    }

    private static java.util.Optional<Instant> earliest(RunDetail detail) {
        return detail.phases().stream().flatMap(p -> p.activities().stream()).flatMap(a -> executions(a).stream())
                .map(Execution::startedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    private static List<Execution> executions(ActivityView step) {
        List<Execution> all = new ArrayList<>();
        if (step.execution() != null) {
            all.add(step.execution());
        }
        if (step.instances() != null) {
            step.instances().stream().map(InstanceView::execution).filter(java.util.Objects::nonNull).forEach(all::add);
        }
        return all;
    }

    /** From the first start to the last end (now, for what still runs or waits); none when it never started. */
    private static Span span(ActivityView step, Instant now) {
        Instant start = null;
        Instant end = null;
        for (Execution e : executions(step)) {
            if (e.startedAt() == null) {
                continue;
            }
            Instant stop = e.completedAt() != null ? e.completedAt() : now;
            start = start == null || e.startedAt().isBefore(start) ? e.startedAt() : start;
            end = end == null || stop.isAfter(end) ? stop : end;
        }
        return start == null ? null : new Span(start, end.isBefore(start) ? start : end);
    }

    private static String pct(Instant t0, Instant t1, Instant at) {
        double total = Duration.between(t0, t1).toMillis();
        double offset = Math.max(0, Math.min(total, Duration.between(t0, at).toMillis()));
        return number(offset * 100 / total);
    }

    /** At least a sliver, so an instant step still shows. */
    private static String width(Instant t0, Instant t1, Instant start, Instant end) {
        double total = Duration.between(t0, t1).toMillis();
        double left = Math.max(0, Math.min(total, Duration.between(t0, start).toMillis())) * 100 / total;
        double w = Math.max(0, Duration.between(start, end).toMillis()) * 100 / total;
        return number(Math.max(0.6, Math.min(w, 100 - left)));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
