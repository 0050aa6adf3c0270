package dev.cadre.bench;

import dev.cadre.distribution.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the unpacked distribution's {@code bin/cadre} as separate processes, the way a user's shell
 * would (environment cleared of {@code CADRE_*} and {@code JAVA_*} leftovers, output to files), and ends
 * exactly those processes and their descendants, by pid, newest first.
 */
final class Launcher implements AutoCloseable {

    private final Path script;
    private final Path logDir;
    private final List<Process> started = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param install the unpacked distribution ({@code bin/cadre}, {@code lib/})
     * @param logDir  where each process's {@code <label>.out} and {@code <label>.err} go
     */
    Launcher(Path install, Path logDir) {
        this.script = install.resolve("bin/cadre");
        this.logDir = logDir;
    }

    /**
     * @param label       names the output files
     * @param workingDir  the process's working directory
     * @param environment {@code CADRE_*} and {@code JAVA_*} settings
     * @param args        the command line after {@code bin/cadre}
     * @return the running process (bin/cadre execs java, so this is the JVM)
     */
    Process start(String label, Path workingDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CADRE_") || name.startsWith("JAVA_"));
        // the Java running the benchmark comes first on PATH, for bin/cadre
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        Files.createDirectories(logDir);
        builder.redirectOutput(logDir.resolve(label + ".out").toFile()).redirectError(logDir.resolve(label + ".err").toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Waits until a line of the process's output contains {@code text}. */
    void awaitOutput(String label, Process process, String text, Duration limit) throws IOException, InterruptedException {
        Poll.until(limit, Duration.ofMillis(200), () -> {
            if (output(label).contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited " + process.exitValue() + " before printing '" + text + "'\n" + output(label));
            }
            return false;
        }, () -> label + " did not print '" + text + "' within " + limit + "\n" + output(label));
    }

    /** @return both output files of a process, stdout first */
    String output(String label) throws IOException {
        return read(logDir.resolve(label + ".out")) + read(logDir.resolve(label + ".err"));
    }

    /**
     * @param process one this launcher started
     * @return the pid of its JVM: the process itself once bin/cadre has exec'ed java, else its java descendant
     */
    static Optional<Long> jvmPid(Process process) {
        if (isJava(process.toHandle())) {
            return Optional.of(process.pid());
        }
        return process.descendants().filter(Launcher::isJava).map(ProcessHandle::pid).findFirst();
    }

    /** @return {@code VmRSS} of the process in MiB, from {@code /proc/<pid>/status} */
    static Optional<Double> rssMiB(long pid) {
        return statusMiB(pid, "VmRSS:");
    }

    /** @return {@code VmHWM} of the process in MiB: the most it was ever resident */
    static Optional<Double> peakRssMiB(long pid) {
        return statusMiB(pid, "VmHWM:");
    }

    private static Optional<Double> statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return Optional.empty();
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    /**
     * Stops one process it started as an operator would: SIGTERM, then SIGKILL if it has not ended within
     * {@code grace}; its descendants too.
     *
     * @return whether it ended on SIGTERM
     */
    boolean stop(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        boolean polite = true;
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            polite = false;
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        started.remove(process);
        return polite;
    }

    /** Ends every process it started, newest first: politely (SIGTERM), then forcibly after 30 s; their descendants too. */
    @Override
    public void close() {
        List<Process> newestFirst;
        synchronized (started) {
            newestFirst = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(newestFirst);
        for (Process process : newestFirst) {
            List<ProcessHandle> tree = process.descendants().toList();
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
