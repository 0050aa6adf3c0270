package dev.cadre.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Read load on the host's REST API as {@code wrk} gives it: a few connections, each sending its next
 * request as soon as the last one is answered, for a fixed time per endpoint. The endpoints take turns
 * (every endpoint once, then again), so that a noisy moment of the machine does not fall on one of them.
 * What a page view costs shows in the ratio of a run's detail to the list of runs, and in the CPU each
 * request takes in the host, in PostgreSQL and in this process (the clients, which read every answer).
 */
final class ReadLoad {

    /** Connections at once, as the issue's {@code wrk} figures were taken. */
    static final int CONNECTIONS = 4;
    /** Every endpoint measured this many times, in turns. */
    static final int ROUNDS = 2;
    /** Each endpoint is loaded this long (at most {@code each}) before the rounds, not counted: the host's first answers include its JIT. */
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** A request not answered in this time counts as an error (the detail of a wide run may be slow, not endless). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param name what the figures call it
     * @param path what is requested
     */
    record Endpoint(String name, String path) {
    }

    private final HostClient api;
    private final CpuMeter cpu;
    private final PrintStream out;

    ReadLoad(HostClient api, CpuMeter cpu, PrintStream out) {
        this.api = api;
        this.cpu = cpu;
        this.out = out;
    }

    /**
     * Measures each endpoint {@link #ROUNDS} times for {@code each}, in turns, and prints requests/s, p50, p99
     * and errors per endpoint, and each detail's p50 against the list's.
     *
     * @param when      printed in the heading (e.g. "host idle after the lone cycles")
     * @param endpoints the first is the list that the {@code detail} endpoints are compared with
     * @param each      how long one endpoint is loaded in one round
     */
    void run(String when, List<Endpoint> endpoints, Duration each) throws Exception {
        Duration warmUp = each.compareTo(WARM_UP) < 0 ? each : WARM_UP;
        out.printf("%nreads, %s: %d connections back to back, %d s per endpoint x %d rounds in turns after %d s of each not counted"
                + " (ms; errors = not 200 or no answer in %d s):%n", when, CONNECTIONS, each.toSeconds(), ROUNDS, warmUp.toSeconds(),
                REQUEST_TIMEOUT.toSeconds());
        Map<Endpoint, List<Sample>> samples = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> samples.put(endpoint, new ArrayList<>()));
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS, runnable -> {
            Thread thread = new Thread(runnable, "bench-reads");
            thread.setDaemon(true);
            return thread;
        });
        // one client per connection, HTTP/1.1: the default client would try h2c and might multiplex them onto one
        List<HttpClient> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        }
        try {
            for (Endpoint endpoint : endpoints) {
                load(threads, clients, endpoint, warmUp);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (Endpoint endpoint : endpoints) {
                    samples.get(endpoint).add(load(threads, clients, endpoint, each));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        Map<Endpoint, Result> results = new LinkedHashMap<>();
        samples.forEach((endpoint, rounds) -> results.put(endpoint, Result.of(rounds)));
        results.forEach((endpoint, result) -> out.printf("  %-14s %-42s %8.1f req/s (rounds %s)  p50 %7.1f  p99 %7.1f  errors %d  %s%n"
                        + "  %-14s CPU per request: host %.2f ms, PostgreSQL %.2f ms, benchmark %.2f ms%n",
                endpoint.name(), "GET " + abbreviate(endpoint.path()), result.perSecond(), result.roundRates(), result.p50(), result.p99(),
                result.errors(), result.bytes(), "", result.hostCpuMs(), result.postgresCpuMs(), result.benchCpuMs()));
        Result list = results.get(endpoints.get(0));
        results.forEach((endpoint, result) -> {
            if (endpoint.name().startsWith("detail")) {
                out.printf("  ratio %s p50 / %s p50: %.1f   <- target <= 3%n", endpoint.name(), endpoints.get(0).name(), result.p50() / list.p50());
            }
        });
        out.printf("  %s%n", HostBenchmark.load());
    }

    /** One endpoint, {@link #CONNECTIONS} threads issuing requests back to back until {@code each} has passed. */
    private Sample load(ExecutorService threads, List<HttpClient> clients, Endpoint endpoint, Duration each) throws Exception {
        HttpRequest request = api.request(endpoint.path(), REQUEST_TIMEOUT).GET().build();
        CpuMeter.Sample cpuBefore = cpu.sample();
        long begin = System.nanoTime();
        long deadline = begin + each.toNanos();
        List<Future<Sample>> connections = new ArrayList<>();
        for (HttpClient client : clients) {
            connections.add(threads.submit(() -> connection(client, request, deadline)));
        }
        Sample total = new Sample(new long[0], 0, 0, 0, null);
        for (Future<Sample> connection : connections) {
            total = total.plus(connection.get());
        }
        // to the last answer: a slow endpoint's last requests end after the deadline
        return total.over(System.nanoTime() - begin, cpu.sample().minus(cpuBefore));
    }

    private static Sample connection(HttpClient client, HttpRequest request, long deadline) throws InterruptedException {
        long[] latencies = new long[1024];
        int answered = 0;
        int errors = 0;
        long bytes = 0;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long tookNs = System.nanoTime() - sent;
                if (response.statusCode() != 200) {
                    errors++;
                    continue;
                }
                if (answered == latencies.length) {
                    latencies = Arrays.copyOf(latencies, answered * 2);
                }
                latencies[answered++] = tookNs;
                bytes += response.body().length;
            } catch (IOException e) {
                errors++; // timed out, or the connection broke
            }
        }
        return new Sample(Arrays.copyOf(latencies, answered), errors, bytes, 0, null);
    }

    /**
     * @param latenciesNs the 200 answers' latencies
     * @param errors      requests not answered 200
     * @param bytes       body bytes of the 200 answers
     * @param elapsedNs   the round's time, first request to last answer
     * @param cpu         the CPU the processes spent in that time
     */
    private record Sample(long[] latenciesNs, int errors, long bytes, long elapsedNs, CpuMeter.Sample cpu) {
        Sample plus(Sample other) {
            long[] both = Arrays.copyOf(latenciesNs, latenciesNs.length + other.latenciesNs.length);
            System.arraycopy(other.latenciesNs, 0, both, latenciesNs.length, other.latenciesNs.length);
            return new Sample(both, errors + other.errors, bytes + other.bytes, 0, null);
        }

        Sample over(long elapsed, CpuMeter.Sample used) {
            return new Sample(latenciesNs, errors, bytes, elapsed, used);
        }

        int requests() {
            return latenciesNs.length + errors;
        }
    }

    /** An endpoint's rounds together: every request counts, percentiles are of the 200 answers; CPU per request in ms. */
    private record Result(double perSecond, String roundRates, double p50, double p99, int errors, String bytes, double hostCpuMs,
                          double postgresCpuMs, double benchCpuMs) {
        static Result of(List<Sample> rounds) {
            long requests = 0;
            long elapsedNs = 0;
            int errors = 0;
            long bytes = 0;
            CpuMeter.Sample cpu = new CpuMeter.Sample(0, 0, 0);
            List<String> rates = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            for (Sample round : rounds) {
                requests += round.requests();
                elapsedNs += round.elapsedNs();
                errors += round.errors();
                bytes += round.bytes();
                cpu = cpu.plus(round.cpu());
                rates.add(String.format("%.1f", round.requests() / (round.elapsedNs() / 1e9)));
                Arrays.stream(round.latenciesNs()).forEach(ns -> latencies.add(ns / 1e6));
            }
            double[] ms = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            String size = ms.length == 0 ? "" : String.format("%.0f bytes/answer", (double) bytes / ms.length);
            double perRequestMs = requests == 0 ? 0 : 1000.0 / requests;
            return new Result(requests / (elapsedNs / 1e9), String.join(", ", rates), CycleBench.percentile(ms, 50),
                    CycleBench.percentile(ms, 99), errors, size, cpu.hostS() * perRequestMs, cpu.postgresS() * perRequestMs,
                    cpu.benchS() * perRequestMs);
        }
    }

    /** @return the path with a workflow id cut short, so the columns stay aligned */
    private static String abbreviate(String path) {
        return path.length() <= 38 ? path : path.substring(0, 35) + "...";
    }
}
