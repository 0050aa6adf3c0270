package dev.cadre.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link HostBenchmark}'s arguments.
 *
 * @param dist               the unpacked distribution ({@code --dist}; default the one {@code distribution/target/} holds)
 * @param warmup             warm-up cycles of each kind, run lone and not counted
 * @param lone               lone cycles of each kind measured
 * @param cycles             cycles per throughput round
 * @param concurrency        cycles at once in a throughput round
 * @param rounds             throughput rounds (engine then static in each)
 * @param fanout             instances of the wide fan-out (0 = skip it)
 * @param fanoutParallelism  its maxParallelism
 * @param fanoutTimeoutS     how long its end is waited for, in seconds
 * @param reads              seconds each read endpoint is loaded per round, after the lone cycles and after the fan-out (0 = skip)
 * @param coldStarts         cold starts of a host on the embedded defaults, new data directory then existing, before the rest (0 = skip)
 * @param javaOpts           JAVA_OPTS of the host
 * @param keep               keep the work directory (PostgreSQL's cluster, the host's data); logs are always kept
 */
record BenchArgs(Path dist, int warmup, int lone, int cycles, int concurrency, int rounds, int fanout, int fanoutParallelism,
        int fanoutTimeoutS, int reads, int coldStarts, String javaOpts, boolean keep) {

    static final String USAGE = """
            HostBenchmark [--dist DIR] [--warmup 30] [--lone 20] [--cycles 100] [--concurrency 50] [--rounds 2]
                          [--fanout 10000] [--fanout-parallelism 200] [--fanout-timeout 1800] [--reads 10] [--cold-starts 3]
                          [--java-opts "..."] [--keep]
              --reads S        after the lone cycles and after the fan-out: GET /api/workflows, a finished cycle's
                               /api/workflows/{id}, /api/tasks (and the fan-out's detail), 4 connections, S seconds
                               each, 2 rounds in turns after 2 s of each not counted; 0 skips
              --cold-starts N  first of all: N times bin/cadre run on the embedded defaults, start -> healthy on a
                               new data directory, then on the same one again; 0 skips
              --keep           keep PostgreSQL's cluster and the hosts' data directories (logs are always kept)""";

    static BenchArgs parse(String[] args) throws IOException {
        List<String> list = new ArrayList<>(List.of(args));
        boolean keep = list.remove("--keep");
        if (list.size() % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value\n" + USAGE);
        }
        for (int i = 0; i < list.size(); i += 2) {
            if (!List.of("--dist", "--warmup", "--lone", "--cycles", "--concurrency", "--rounds", "--fanout", "--fanout-parallelism",
                    "--fanout-timeout", "--reads", "--cold-starts", "--java-opts").contains(list.get(i))) {
                throw new IllegalArgumentException("unknown option " + list.get(i) + "\n" + USAGE);
            }
        }
        String dist = value(list, "--dist", null);
        BenchArgs parsed = new BenchArgs(dist == null ? defaultDist() : Path.of(dist).toAbsolutePath(), number(list, "--warmup", 30),
                number(list, "--lone", 20), number(list, "--cycles", 100), number(list, "--concurrency", 50), number(list, "--rounds", 2),
                number(list, "--fanout", 10_000), number(list, "--fanout-parallelism", 200), number(list, "--fanout-timeout", 1800),
                number(list, "--reads", 10), number(list, "--cold-starts", 3),
                value(list, "--java-opts", ""), keep);
        if (parsed.lone() < 1 || parsed.cycles() < 1 || parsed.concurrency() < 1 || parsed.rounds() < 1 || parsed.fanoutParallelism() < 1) {
            throw new IllegalArgumentException("--lone, --cycles, --concurrency, --rounds and --fanout-parallelism must be 1 or more\n" + USAGE);
        }
        if (!Files.isExecutable(parsed.dist().resolve("bin/cadre"))) {
            throw new IllegalArgumentException(parsed.dist() + " is not an unpacked Cadre distribution (no bin/cadre)");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "--warmup " + warmup + " --lone " + lone + " --cycles " + cycles + " --concurrency " + concurrency + " --rounds " + rounds
                + " --fanout " + fanout + " --fanout-parallelism " + fanoutParallelism + " --fanout-timeout " + fanoutTimeoutS
                + " --reads " + reads + " --cold-starts " + coldStarts
                + (javaOpts.isBlank() ? "" : " --java-opts \"" + javaOpts + "\"");
    }

    /** @return {@code distribution/target/cadre-<version>/}, from the project root or the distribution module */
    private static Path defaultDist() throws IOException {
        for (Path target : List.of(Path.of("distribution/target"), Path.of("target"))) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    List<Path> dists = entries.filter(p -> p.getFileName().toString().startsWith("cadre-") && Files.isDirectory(p.resolve("bin")))
                            .toList();
                    if (dists.size() == 1) {
                        return dists.get(0).toAbsolutePath();
                    }
                }
            }
        }
        throw new IllegalArgumentException("no unpacked distribution under distribution/target/: build it (mvn -B -DskipTests package) or pass --dist");
    }

    private static String value(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at % 2 == 0 ? args.get(at + 1) : fallback;
    }

    private static int number(List<String> args, String name, int fallback) {
        String value = value(args, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of 0 or more, got '" + value + "'\n" + USAGE);
        }
    }
}
