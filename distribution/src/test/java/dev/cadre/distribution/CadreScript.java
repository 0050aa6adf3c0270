package dev.cadre.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an installation's {@code bin/cadre} as a separate process, the way a user's shell would: the
 * script itself is executed (so its mode and shebang count), in a working directory of our choosing,
 * with an environment cleared of {@code CADRE_*} and {@code JAVA_*} leftovers, output captured to
 * files, and a bounded wait.
 */
final class CadreScript {

    private final Path script;
    private final Path logDir;
    private Path workingDir;
    private final Map<String, String> environment = new LinkedHashMap<>();

    /**
     * @param script {@code bin/cadre}, or a link to it
     * @param logDir where the output files of each run go
     */
    CadreScript(Path script, Path logDir) {
        this.script = script;
        this.logDir = logDir;
        this.workingDir = logDir;
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("CADRE_") && !name.startsWith("JAVA_")) {
                environment.put(name, value);
            }
        });
        // the Java running the tests comes first on PATH; JAVA_HOME stays unset unless a test sets it
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        environment.put("PATH", javaBin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** @return this, running in {@code directory} */
    CadreScript in(Path directory) {
        this.workingDir = directory;
        return this;
    }

    /** @return this, with the variable set ({@code null} removes it) */
    CadreScript env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /**
     * @param label   names the output files ({@code <label>.out}, {@code <label>.err})
     * @param timeout how long to wait before the process (and its children) are destroyed
     * @param args    the command line after {@code bin/cadre}
     * @return the exit code and output; a timed-out run fails the test with its output
     */
    Result run(String label, Duration timeout, String... args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = start(label, args);
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            destroy(process);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Result result = new Result(label, finished ? process.exitValue() : -1, read(logDir.resolve(label + ".out")),
                read(logDir.resolve(label + ".err")), took);
        System.out.printf("bin/cadre %s: exit %d in %.1f s%n", String.join(" ", args), result.exitCode(), took.toMillis() / 1000.0);
        if (!finished) {
            throw new AssertionError("bin/cadre " + String.join(" ", args) + " did not end within " + timeout + "\n" + result.transcript());
        }
        return result;
    }

    /**
     * Starts {@code bin/cadre} in the background (for {@code run}); the caller stops it.
     *
     * @param label names the output files
     * @param args  the command line after {@code bin/cadre}
     * @return the process
     */
    Process start(String label, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Files.createDirectories(logDir);
        builder.redirectOutput(logDir.resolve(label + ".out").toFile()).redirectError(logDir.resolve(label + ".err").toFile());
        return builder.start();
    }

    /** @return what a background run wrote so far, for assertions and failure messages */
    Result output(String label, int exitCode) throws IOException {
        return new Result(label, exitCode, read(logDir.resolve(label + ".out")), read(logDir.resolve(label + ".err")), Duration.ZERO);
    }

    /** Ends the process and whatever it started (an embedded PostgreSQL), politely first. */
    private static void destroy(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** One finished run. */
    record Result(String label, int exitCode, String stdout, String stderr, Duration took) {

        /** @return both outputs, for a failure message */
        String transcript() {
            return "--- stdout of " + label + " ---\n" + stdout + "\n--- stderr of " + label + " ---\n" + stderr;
        }
    }
}
