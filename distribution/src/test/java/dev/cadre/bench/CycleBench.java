package dev.cadre.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lone-cycle latency and throughput of one kind of cycle ({@link Cycles}), taken from the run records'
 * own start and end times. The caller interleaves the kinds.
 */
final class CycleBench {

    /**
     * @param recordMs record start to record end, per cycle
     * @param seenMs   start request to result seen by the benchmark, per cycle
     */
    record Lone(double[] recordMs, double[] seenMs) {
        double median() {
            return CycleBench.median(recordMs);
        }

        double best() {
            return Arrays.stream(recordMs).min().orElse(Double.NaN);
        }
    }

    /**
     * @param cycles      cycles run
     * @param recordSpanS first record start to last record end, in seconds
     * @param wallS       first start request to last result seen, in seconds
     */
    record Throughput(int cycles, double recordSpanS, double wallS) {
        double perSecond() {
            return cycles / recordSpanS;
        }

        double perSecondSeen() {
            return cycles / wallS;
        }
    }

    private final Cycles cycles;
    private final RunTimes times;
    private int sequence;
    private String lastLone;

    CycleBench(Cycles cycles, RunTimes times) {
        this.cycles = cycles;
        this.times = times;
    }

    String name() {
        return cycles.name();
    }

    /** Runs one cycle alone and waits for its result: @return its record latency and the latency seen, in ms */
    double[] lone(String label) throws Exception {
        long begin = System.nanoTime();
        Cycles.Started started = cycles.start(label + "-" + (++sequence));
        check(started, started.steps().get(Cycles.RESULT_MINUTES, TimeUnit.MINUTES));
        double seenMs = (System.nanoTime() - begin) / 1e6;
        RunTimes.Run run = times.run(started.workflowId());
        if (!"COMPLETED".equals(run.status())) {
            throw new IllegalStateException(cycles.name() + " cycle " + started.workflowId() + " is recorded " + run.status());
        }
        lastLone = started.workflowId();
        return new double[] {run.elapsedMs(), seenMs};
    }

    /** @return the workflow id of the last lone cycle, finished and recorded COMPLETED; null before one ran */
    String lastLoneWorkflowId() {
        return lastLone;
    }

    /** @return {@code count} lone cycles' latencies */
    static Lone collect(List<double[]> samples) {
        return new Lone(samples.stream().mapToDouble(s -> s[0]).toArray(), samples.stream().mapToDouble(s -> s[1]).toArray());
    }

    /** Runs {@code total} cycles, at most {@code concurrency} at once, started one after another as slots free up. */
    Throughput throughput(String label, int total, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            slots.acquire();
            Cycles.Started started = cycles.start(label + "-" + (++sequence));
            ids.add(started.workflowId());
            ends.add(started.steps().handle((steps, error) -> {
                slots.release();
                if (error != null) {
                    throw new IllegalStateException(cycles.name() + " cycle " + started.workflowId() + " failed", error);
                }
                check(started, steps);
                return null;
            }));
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(Cycles.RESULT_MINUTES, TimeUnit.MINUTES);
        double wallS = (System.nanoTime() - begin) / 1e9;
        RunTimes.Batch batch = times.batch(ids);
        if (batch.completed() != total) {
            throw new IllegalStateException(cycles.name() + ": " + batch.completed() + " of " + total + " cycles are recorded COMPLETED");
        }
        return new Throughput(total, batch.spanMs() / 1000, wallS);
    }

    private void check(Cycles.Started started, int steps) {
        if (steps != BenchTemplates.STEPS_PER_CYCLE) {
            throw new IllegalStateException(cycles.name() + " cycle " + started.workflowId() + " ran " + steps + " steps, not "
                    + BenchTemplates.STEPS_PER_CYCLE);
        }
    }

    /** @return the median (the mean of the middle two of an even count) */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    /** @return the p-th percentile (nearest rank) */
    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
