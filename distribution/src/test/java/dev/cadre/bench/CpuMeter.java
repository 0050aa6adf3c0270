package dev.cadre.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time spent by each process of a deployment, from {@code /proc/<pid>/stat}: the host's JVM (the engine
 * and the embedded Temporal server), PostgreSQL (the postmaster, its live backends and those that exited)
 * and this benchmark process (the static workflows' workers and the clients). Deltas over a throughput
 * round say where a step's CPU goes for each kind of cycle. Linux only; elsewhere every figure is 0.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux build that matters. */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU seconds since each process started.
     *
     * @param hostS     the host's JVM
     * @param postgresS PostgreSQL
     * @param benchS    this process
     */
    record Sample(double hostS, double postgresS, double benchS) {
        Sample minus(Sample earlier) {
            return new Sample(hostS - earlier.hostS, postgresS - earlier.postgresS, benchS - earlier.benchS);
        }

        Sample plus(Sample other) {
            return new Sample(hostS + other.hostS, postgresS + other.postgresS, benchS + other.benchS);
        }
    }

    private final Process host;
    private final Path postmasterPid;

    /**
     * @param host              the host's process ({@code bin/cadre run}; its JVM is it or a child)
     * @param postgresDataDir   PostgreSQL's data directory, whose {@code postmaster.pid} names the postmaster
     */
    CpuMeter(Process host, Path postgresDataDir) {
        this.host = host;
        this.postmasterPid = postgresDataDir.resolve("postmaster.pid");
    }

    Sample sample() {
        double hostS = Launcher.jvmPid(host).map(pid -> seconds(pid, false)).orElse(0.0);
        double postgresS = postmaster().map(pid -> seconds(pid, true)
                + ProcessHandle.of(pid).map(p -> p.children().mapToDouble(child -> seconds(child.pid(), false)).sum()).orElse(0.0))
                .orElse(0.0);
        return new Sample(hostS, postgresS, seconds(ProcessHandle.current().pid(), false));
    }

    private Optional<Long> postmaster() {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return utime + stime (and, with {@code exitedChildren}, cutime + cstime) of a process, in seconds */
    private static double seconds(long pid, boolean exitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd (state) on
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (14th and 15th)
            if (exitedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime, cstime
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or not Linux
        }
    }
}
