package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.distribution.CadreScript.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built zip, unpacked into a directory whose path has a space, run as a user would: layout,
 * {@code bin/cadre} from other directories and through symlinks, clear errors without Java, the shipped
 * template validated, and {@code bin/cadre demo}: the four plugin JARs from {@code plugins/} run the
 * whole test cycle over {@code samples/}, and the final report lists exactly the planted discrepancies.
 */
class DistributionIT {

    private static final Duration QUICK = Duration.ofMinutes(1);
    private static final Duration DEMO = Duration.ofMinutes(6);
    private static final List<String> PLUGINS = List.of("planning", "evidence", "testing", "reporting");
    private static final List<String> COMMANDS = List.of("run", "demo", "migrate", "temporal-dev", "templates", "plugins");

    private static final String VERSION_NAME = System.getProperty("cadre.dist.name");
    private static final Path ZIP = Path.of(System.getProperty("cadre.dist.zip"));
    private static final Path UNPACKED_BY_BUILD = Path.of(System.getProperty("cadre.dist.dir"));
    private static final Path WORK = Path.of(System.getProperty("cadre.work.dir")).toAbsolutePath();

    private static Path home;
    private static Path elsewhere;

    @BeforeAll
    static void unzip() throws IOException {
        assertTrue(WORK.toString().contains(" "), "the work directory must have a space in its path: " + WORK);
        LocalFiles.deleteRecursively(WORK);
        Zips.unzip(ZIP, WORK.resolve("unpacked here"));
        home = WORK.resolve("unpacked here").resolve(VERSION_NAME);
        elsewhere = Files.createDirectories(WORK.resolve("some other dir"));
    }

    @Test
    void zipHoldsOneInstallationWithExactlyTheFourPlugins() throws IOException {
        try (Stream<Path> top = Files.list(WORK.resolve("unpacked here"))) {
            assertEquals(List.of(VERSION_NAME), top.map(p -> p.getFileName().toString()).toList(), "one top directory");
        }
        for (String file : List.of("bin/cadre", "conf/cadre.properties", "conf/logback.xml", "conf/grafana/cadre-dashboard.json",
                "templates/test-cycle.json",
                "samples/report.csv", "samples/data-dictionary.csv", "samples/parameters.json",
                "samples/planted-discrepancies.csv", "samples/evidence/credit-risk.csv")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " in the zip");
        }
        assertTrue(Files.isExecutable(home.resolve("bin/cadre")), "bin/cadre is executable once unzipped");

        String version = VERSION_NAME.substring("cadre-".length());
        Set<String> expectedPlugins = PLUGINS.stream().map(id -> "cadre-plugin-" + id + "-" + version + ".jar")
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedPlugins, names(home.resolve("plugins")), "plugins/ holds exactly the four domain plugins");

        Set<String> lib = names(home.resolve("lib"));
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("dev.cadre.cadre-platform-")), "the host in lib/: " + lib);
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("dev.cadre.cadre-plugin-api-")), "the plugin API in lib/: " + lib);
        for (String name : lib) {
            assertTrue(name.endsWith(".jar"), "only JARs in lib/: " + name);
            assertFalse(name.contains("-tests") || name.startsWith("original-") || name.contains("junit"),
                    "no test or unshaded JARs in lib/: " + name);
            assertFalse(PLUGINS.stream().anyMatch(id -> name.contains("cadre-plugin-" + id)),
                    "no domain plugin on the host's class path: " + name);
        }
    }

    @Test
    void treeUnpackedByTheBuildIsTheZipsTree() throws IOException {
        assertEquals(relativeFiles(home), relativeFiles(UNPACKED_BY_BUILD));
        assertTrue(Files.isExecutable(UNPACKED_BY_BUILD.resolve("bin/cadre")));
    }

    @Test
    void propertiesFileDocumentsEveryConfigurationKey() throws IOException {
        String source = Files.readString(Path.of(System.getProperty("cadre.config.source")));
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("\"(CADRE_[A-Z0-9_]+)\"").matcher(source);
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertTrue(keys.size() > 10, "keys found in ConfigLoader: " + keys);
        String properties = Files.readString(home.resolve("conf/cadre.properties"));
        for (String key : keys) {
            if (key.equals("CADRE_HOME")) {
                assertTrue(properties.contains("CADRE_HOME"), "CADRE_HOME explained in conf/cadre.properties");
            } else {
                assertTrue(Pattern.compile("(?m)^#" + key + "=").matcher(properties).find(),
                        key + " listed (commented out, with its default) in conf/cadre.properties");
            }
        }
    }

    @Test
    void helpListsTheCommandsFromAnotherDirectory() throws Exception {
        Result help = script().in(elsewhere).run("help", QUICK, "--help");
        assertEquals(0, help.exitCode(), help.transcript());
        for (String command : COMMANDS) {
            assertTrue(Pattern.compile("(?m)^\\s+" + command + "\\b").matcher(help.stdout()).find(),
                    "--help lists " + command + "\n" + help.transcript());
        }
    }

    @Test
    void followsSymlinksAndHonoursJavaHomeAndJavaOpts() throws Exception {
        // relative link -> absolute link -> the script, in directories with spaces
        Path links = Files.createDirectories(WORK.resolve("links dir"));
        Path absolute = Files.createSymbolicLink(links.resolve("absolute link"), home.resolve("bin/cadre"));
        Path relative = Files.createSymbolicLink(links.resolve("cadre"), Path.of("absolute link"));
        Result version = new CadreScript(relative, WORK.resolve("logs")).in(elsewhere)
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("JAVA_OPTS", "-XshowSettings:properties  -Dcadre.it.marker=opts-seen")
                .run("version", QUICK, "--version");
        assertEquals(0, version.exitCode(), version.transcript());
        assertTrue(version.stdout().startsWith("cadre "), version.transcript());
        assertTrue(version.stderr().contains("cadre.it.marker = opts-seen"), "JAVA_OPTS reach the JVM\n" + version.transcript());
        assertTrue(Files.isSymbolicLink(absolute));
    }

    @Test
    void secretsFileIsOwnerOnlyAndTheHeapHasADefaultThatJavaOptsOverride() throws Exception {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("conf/cadre.properties"))), "conf/cadre.properties holds secrets");
        Pattern maxHeap = Pattern.compile("MaxHeapSize\\s*=\\s*(\\d+)\\s*\\{product\\}\\s*\\{([^}]*)\\}");
        Result byDefault = script().in(elsewhere).env("JAVA_OPTS", "-XX:+PrintFlagsFinal").run("heap-default", QUICK, "--version");
        Matcher set = maxHeap.matcher(byDefault.stdout());
        assertTrue(set.find(), byDefault.transcript());
        assertEquals("command line", set.group(2), "bin/cadre sets the heap, the JVM does not guess it");
        long bytes = Long.parseLong(set.group(1));
        assertTrue(bytes >= 256L << 20 && bytes <= 8L << 30, "between 256m and 8g: " + bytes);

        Result overridden = script().in(elsewhere).env("JAVA_OPTS", "-XX:+PrintFlagsFinal -Xmx200m").run("heap-opts", QUICK, "--version");
        Matcher opts = maxHeap.matcher(overridden.stdout());
        assertTrue(opts.find(), overridden.transcript());
        assertEquals(200L << 20, Long.parseLong(opts.group(1)), "an -Xmx in JAVA_OPTS wins");

        Result sized = script().in(elsewhere).env("CADRE_HEAP", "300m").env("JAVA_OPTS", "-XX:+PrintFlagsFinal").run("heap-env", QUICK, "--version");
        Matcher env = maxHeap.matcher(sized.stdout());
        assertTrue(env.find(), sized.transcript());
        assertEquals(300L << 20, Long.parseLong(env.group(1)), "CADRE_HEAP sizes it");
    }

    @Test
    void saysWhatIsWrongWhenJavaIsMissing() throws Exception {
        Path noJava = Files.createDirectories(WORK.resolve("empty path dir"));
        Result missing = script().env("PATH", noJava.toString()).run("no-java", QUICK, "--help");
        assertEquals(1, missing.exitCode(), missing.transcript());
        assertTrue(missing.stderr().contains("Java not found") && missing.stderr().contains("JAVA_HOME"), missing.transcript());

        Result wrongHome = script().env("JAVA_HOME", noJava.toString()).run("bad-java-home", QUICK, "--help");
        assertEquals(1, wrongHome.exitCode(), wrongHome.transcript());
        assertTrue(wrongHome.stderr().contains("JAVA_HOME is set to '" + noJava + "'"), wrongHome.transcript());
    }

    @Test
    void validatesTheShippedTemplate() throws Exception {
        Result validate = script().in(home).run("validate", QUICK, "templates", "validate", "templates/test-cycle.json");
        assertEquals(0, validate.exitCode(), validate.transcript());
        assertTrue(validate.stdout().contains("valid"), validate.transcript());
    }

    @Test
    void jsonLogsOnTheConsoleAndInTheirOwnFile() throws Exception {
        Path data = WORK.resolve("json-log-data");
        Result migrate = script().in(home).env("CADRE_LOG_FORMAT", "json").env("CADRE_DATA_DIR", data.toString())
                .run("migrate-json", Duration.ofMinutes(2), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.transcript());
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = migrate.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), migrate.transcript());
        for (String line : lines) {
            assertTrue(mapper.readTree(line).has("@timestamp"), "one JSON object per line: " + line);
        }
        assertFalse(migrate.stdout().contains("|-"), "no logback status on stdout (only the command's answer)\n" + migrate.transcript());
        Path file = home.resolve("data/logs/cadre.json");
        assertTrue(Files.readString(file).lines().anyMatch(l -> l.contains("\"message\":\"Database migrated")), "the JSON log file");
    }

    /** Also issue 4's end-to-end test: the JARs the build produced, loaded from plugins/, run the whole cycle. */
    @Test
    void demoRunsAWholeTestCycleAndReportsExactlyThePlantedDiscrepancies() throws Exception {
        Result demo = script().in(elsewhere)
                .env("CADRE_ADMIN_PORT", String.valueOf(LocalFiles.freePort()))
                .env("JAVA_OPTS", "-Xmx1g")
                .run("demo", DEMO, "demo");
        assertEquals(0, demo.exitCode(), demo.transcript());

        Path report = elsewhere.resolve(line(demo, "Final report: (.+)")).normalize();
        assertTrue(Files.isRegularFile(report), "the final report " + report + " exists\n" + demo.transcript());
        Path json = report.resolveSibling("final-report.json");
        assertTrue(Files.isRegularFile(json), json + " beside the report");
        JsonNode finalReport = new ObjectMapper().readTree(Files.readString(json, StandardCharsets.UTF_8));

        List<Discrepancies.Pair> reported = Discrepancies.reported(finalReport);
        List<Discrepancies.Pair> planted = Discrepancies.planted(home.resolve("samples/planted-discrepancies.csv"));
        Set<Discrepancies.Pair> missing = new TreeSet<>(planted);
        missing.removeAll(reported);
        Set<Discrepancies.Pair> extra = new TreeSet<>(reported);
        extra.removeAll(planted);
        assertTrue(missing.isEmpty() && extra.isEmpty(),
                "planted discrepancies not reported: " + missing + "\nreported but not planted: " + extra);
        assertEquals(new TreeSet<>(reported).size(), reported.size(), "each discrepancy reported once: " + reported);
        assertEquals(planted.size(), reported.size());

        int observations = Integer.parseInt(line(demo, "Observations: (\\d+)"));
        assertEquals(finalReport.path("observations").size(), observations, "printed count = the report's observations");

        assertSignOffTrail(demo, report, finalReport);

        // provenance: each domain plugin was loaded from plugins/ and started by the host, as its log file says
        Path logFile = home.resolve("data/logs/cadre.log");
        assertTrue(Files.isRegularFile(logFile), "conf/logback.xml logs to data/logs/cadre.log");
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        for (String id : PLUGINS) {
            assertTrue(Pattern.compile("Plugin " + id + "@\\S+ started").matcher(log).find(),
                    "the host started plugin " + id + " from plugins/\n" + log);
        }
        assertPersonFacingOnly(demo, 9);
    }

    /**
     * Issue 20: the demo's console has the person-facing lines only: host up, people, one line per phase,
     * the outcome and where its files are; no logback status, no log lines, no stack trace.
     */
    private static void assertPersonFacingOnly(Result demo, int phases) {
        List<String> lines = Stream.concat(demo.stdout().lines(), demo.stderr().lines()).filter(l -> !l.isBlank()).toList();
        Pattern personFacing = Pattern.compile("^(Host up in .+; logs in .+cadre\\.log|Started test cycle \\S+|People \\(.+"
                + "|Phase \\d/\\d .+ completed: .+|Test cycle COMPLETED in .+|Final report: .+|Sign-off trail: .+|Observations: \\d+"
                + "|The test cycle ended FAILED: .+|Rolled back: .+|Data requests withdrawn: .+|Artifacts void: .+|The run's records: .+)$");
        for (String line : lines) {
            assertTrue(personFacing.matcher(line).matches(), "a person-facing line: '" + line + "'\n" + demo.transcript());
        }
        assertEquals(phases, lines.stream().filter(l -> l.startsWith("Phase ")).count(), demo.transcript());
        assertTrue(lines.size() <= 20, lines.size() + " lines\n" + demo.transcript());
    }

    /** Issue 11: a rejected sign-off fails the run; the engine compensates, and the domain plugins' rollbacks undo. */
    @Test
    void rejectedSignOffRollsTheRunBackWithEffectsPeopleSee() throws Exception {
        Result demo = script().in(elsewhere)
                .env("CADRE_ADMIN_PORT", String.valueOf(LocalFiles.freePort()))
                .env("JAVA_OPTS", "-Xmx1g")
                .run("demo-rejected", DEMO, "demo", "--reject", "SIGN_OFF_REPORT");
        assertEquals(1, demo.exitCode(), demo.transcript());
        assertTrue(demo.stderr().contains("The test cycle ended FAILED: SIGN_OFF_REPORT was rejected by alex.approver"), demo.transcript());

        assertPersonFacingOnly(demo, 8); // the run fails in the ninth phase, without a stack trace
        assertEquals("credit-risk, loan-origination, loan-servicing", line(demo, "Data requests withdrawn: (.+)"));
        String voided = line(demo, "Artifacts void: (.+)");
        for (String name : List.of("requests/credit-risk.csv", "test-cases/credit-risk/risk-rating-extract.csv",
                "test-results/loan-servicing/servicing-ledger.csv", "report/sections.json", "final-report.html", "final-report.md",
                "final-report.json")) {
            assertTrue(voided.contains(name), name + " is void: " + voided);
        }
        JsonNode workflow = new ObjectMapper().readTree(Files.readString(
                elsewhere.resolve(line(demo, "The run's records: (.+)")).normalize(), StandardCharsets.UTF_8));
        assertEquals("FAILED", workflow.path("status").asText());
        Set<String> statuses = new TreeSet<>();
        for (JsonNode phase : workflow.path("phases")) {
            for (JsonNode activity : phase.path("activities")) {
                Iterable<JsonNode> executions = activity.has("instances") ? activity.path("instances") : List.of(activity);
                for (JsonNode e : executions) {
                    statuses.add(activity.path("code").asText() + " " + e.path("status").asText());
                }
            }
        }
        for (String code : List.of("SEND_DATA_REQUEST", "GENERATE_TEST_CASES", "EXECUTE_TESTS", "GENERATE_FINAL_REPORT")) {
            assertTrue(statuses.contains(code + " COMPENSATED") && !statuses.contains(code + " COMPLETED"), code + ": " + statuses);
        }
    }

    @Test
    void runServesTheAdminEndpointForThePluginsCommandAndStopsCleanlyOnSigterm() throws Exception {
        int port = LocalFiles.freePort();
        CadreScript cadre = script().in(elsewhere).env("CADRE_ADMIN_PORT", String.valueOf(port)).env("CADRE_ADMIN_TOKEN", "it-token-of-at-least-32-characters");
        Path logFile = home.resolve("data/logs/cadre.log");
        long logged = Files.isRegularFile(logFile) ? Files.size(logFile) : 0;
        Process host = cadre.start("run", "run");
        try {
            awaitHealthy(port, host, cadre);
            Result banner = cadre.output("run", -1);
            List<String> lines = banner.stdout().lines().toList();
            assertEquals("Cadre is running. Stop with Ctrl-C.", lines.get(0), banner.transcript());
            for (String label : List.of("Admin API: http://127.0.0.1:" + port + "/api", "Console:   http://127.0.0.1:" + port + "/",
                    "Token:     CADRE_ADMIN_TOKEN", "Data:      " + home.resolve("data"), "Logs:      " + logFile)) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + label)), label + " in the banner\n" + banner.transcript());
            }
            assertEquals(6, lines.size(), banner.transcript());
            assertFalse(banner.stderr().contains(" INFO "), "only warnings and errors on the console\n" + banner.transcript());

            Result plugins = cadre.run("plugins-list", QUICK, "plugins", "list", "--url", "http://127.0.0.1:" + port);
            assertEquals(0, plugins.exitCode(), plugins.transcript());
            for (String id : PLUGINS) {
                assertTrue(plugins.stdout().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains("STARTED")), id + " listed as STARTED:\n" + plugins.stdout());
            }
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .header("Authorization", "Bearer it-token-of-at-least-32-characters").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("cadre_plugins{state=\"started\"} " + PLUGINS.size() + ".0"), metrics.body());
            Result refused = cadre.env("CADRE_ADMIN_TOKEN", "a-wrong-token-of-at-least-32-characters").run("plugins-refused", QUICK, "plugins", "list", "--url", "http://127.0.0.1:" + port);
            assertEquals(2, refused.exitCode(), refused.transcript());
            assertTrue(refused.stderr().contains("HTTP 401"), refused.transcript());
        } finally {
            List<ProcessHandle> children = host.descendants().toList();
            host.destroy(); // SIGTERM: the JVM's shutdown hook stops the host
            boolean stopped = host.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            Result output = cadre.output("run", stopped ? host.exitValue() : -1);
            if (!stopped) {
                host.destroyForcibly();
                fail("bin/cadre run did not stop within 60 s of SIGTERM\n" + output.transcript());
            }
            String log = Files.readString(logFile, StandardCharsets.UTF_8).substring((int) logged);
            assertTrue(log.contains("Cadre host stopped"), "graceful stop logged:\n" + log);
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "the embedded PostgreSQL stopped with the host");
        }
    }

    /**
     * Issue 17: the first {@code run} of an installation writes the class cache as it stops, the next start maps it,
     * and a damaged archive never keeps a host from starting (the JVM checks it and starts without it).
     */
    @Test
    void firstRunWritesTheClassCacheTheNextStartMapsItAndADamagedOneIsSkipped() throws Exception {
        Path cachedHome = Files.createDirectories(WORK.resolve("class-cache home"));
        Files.createSymbolicLink(cachedHome.resolve("lib"), home.resolve("lib"));
        Path cache = cachedHome.resolve("data/class-cache");
        int port = LocalFiles.freePort();
        CadreScript cadre = script().in(elsewhere).env("CADRE_HOME", cachedHome.toString()).env("CADRE_ADMIN_PORT", String.valueOf(port))
                .env("CADRE_ADMIN_TOKEN", "it-token-of-at-least-32-characters").env("CADRE_DATA_DIR", WORK.resolve("class-cache-data").toString());

        String first = runAndStop(cadre, port, "cache-1").commandLine();
        assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + cache), first);
        List<Path> written = archives(cache);
        assertEquals(1, written.size(), "one archive written as the host stopped: " + written);

        String second = runAndStop(cadre, port, "cache-2").commandLine();
        Path archive = archives(cache).get(0);
        assertTrue(archive.getFileName().toString().matches("cadre-\\d+\\.jsa"), "taken as the archive: " + archive);
        assertTrue(second.contains("-XX:SharedArchiveFile=" + archive) && second.contains("-XX:+VerifySharedSpaces"), second);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));

        archive.toFile().setWritable(true, true);
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[4096]), Files.size(archive) / 2); // zeroes amid the classes
        }
        String third = runAndStop(cadre, port, "cache-3").commandLine();
        assertTrue(third.contains("-XX:SharedArchiveFile=" + archive), third);
    }

    /** A host that ran until healthy and stopped on SIGTERM: its JVM's command line, read while it ran, and what it printed. */
    private record Stopped(String commandLine, Result output) {
    }

    /** Starts {@code run}, waits for health, stops it with SIGTERM; the JVM's archive lines must stay off its console. */
    private static Stopped runAndStop(CadreScript cadre, int port, String label) throws Exception {
        Process host = cadre.start(label, "run");
        String commandLine;
        try {
            awaitHealthy(port, host, cadre, label);
            commandLine = Files.readString(Path.of("/proc", String.valueOf(host.pid()), "cmdline")).replace('\0', ' ');
        } finally {
            host.destroy();
            if (!host.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                host.destroyForcibly();
                fail(label + ": bin/cadre run did not stop within 90 s of SIGTERM\n" + cadre.output(label, -1).transcript());
            }
        }
        Result output = cadre.output(label, host.exitValue());
        assertFalse(output.transcript().contains("[cds"), "the JVM's archive lines stay off the console\n" + output.transcript());
        return new Stopped(commandLine, output);
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    /** Issue 20: a host started with JSON logs writes JSON lines only, on stdout and stderr alike; its banner is one of them. */
    @Test
    void runWithJsonLogsWritesOnlyJsonLines() throws Exception {
        int port = LocalFiles.freePort();
        CadreScript cadre = script().in(elsewhere).env("CADRE_ADMIN_PORT", String.valueOf(port)).env("CADRE_ADMIN_TOKEN", "it-token-of-at-least-32-characters")
                .env("CADRE_LOG_FORMAT", "json").env("CADRE_DATA_DIR", WORK.resolve("json-run-data").toString());
        Result output = runAndStop(cadre, port, "run-json").output();
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Stream.concat(output.stdout().lines(), output.stderr().lines()).filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            assertTrue(line.startsWith("{") && mapper.readTree(line).has("@timestamp"), "one JSON object per line: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("Cadre is running") && l.contains("http://127.0.0.1:" + port + "/api")),
                "the banner as a JSON line\n" + output.transcript());
    }

    private static void awaitHealthy(int port, Process host, CadreScript cadre) throws Exception {
        awaitHealthy(port, host, cadre, "run");
    }

    private static void awaitHealthy(int port, Process host, CadreScript cadre, String label) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        Poll.until(Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
            if (!host.isAlive()) {
                fail("bin/cadre run exited " + host.exitValue() + "\n" + cadre.output(label, host.exitValue()).transcript());
            }
            try {
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        }, () -> "bin/cadre run did not become healthy within 90 s\n" + cadre.output(label, -1).transcript());
    }

    private static CadreScript script() {
        return new CadreScript(home.resolve("bin/cadre"), WORK.resolve("logs"));
    }

    /** Issue 11: the report's trail equals the run's records, names the demo's people, and every observation has its response. */
    private static void assertSignOffTrail(Result demo, Path report, JsonNode finalReport) throws IOException {
        JsonNode workflow = new ObjectMapper().readTree(Files.readString(report.resolveSibling("workflow.json"), StandardCharsets.UTF_8));
        List<String> reported = SignOffs.reported(finalReport);
        List<String> recorded = SignOffs.recorded(workflow);
        assertEquals(new TreeSet<>(recorded), new TreeSet<>(reported), "the trail is every completed manual step before the sign-off");
        assertEquals(recorded.size(), reported.size(), "each exactly once: " + reported);
        assertTrue(reported.size() >= 30, "a whole cycle's manual steps: " + reported);
        Set<String> people = new TreeSet<>();
        finalReport.path("signOffs").forEach(s -> people.add(s.path("completedBy").asText()));
        assertTrue(people.containsAll(List.of("rita.reviewer", "alex.approver", "tara.testlead", "credit-risk.owner")), people.toString());
        finalReport.path("signOffs").forEach(s -> assertFalse(s.path("completedAt").asText("").isEmpty(), s.toString()));

        Matcher printed = Pattern.compile("(?m)^Sign-off trail: (\\d+) .* in (.+)#sign-offs ").matcher(demo.stdout());
        assertTrue(printed.find(), demo.transcript());
        assertEquals(reported.size(), Integer.parseInt(printed.group(1)));
        assertEquals(report.toAbsolutePath().normalize(), Path.of(printed.group(2)).toAbsolutePath().normalize());
        assertTrue(Files.readString(report).contains("<h2 id=\"sign-offs\">"), "the printed anchor exists");

        for (JsonNode observation : finalReport.path("observations")) {
            JsonNode responses = observation.path("responses");
            assertEquals(1, responses.size(), "one response from the owner: " + observation.path("id"));
            assertEquals(observation.path("owner").asText(), responses.get(0).path("owner").asText());
            assertEquals(observation.path("owner").asText() + ".owner", responses.get(0).path("completedBy").asText());
            assertTrue(responses.get(0).path("data").path("agreed").asBoolean(), responses.toString());
        }
        assertEquals(2, finalReport.path("template").path("version").asInt(), "the run used the published version 2");
        Set<String> sources = new TreeSet<>();
        finalReport.path("handlers").forEach(h -> sources.add(h.path("source").asText().replaceAll("@.*", "")));
        assertEquals(new TreeSet<>(List.of("builtin", "planning", "evidence", "testing", "reporting")), sources);
        assertEquals(3, finalReport.path("evidence").size());
        finalReport.path("evidence").forEach(e -> assertTrue(e.path("sha256").asText().matches("[0-9a-f]{64}"), e.toString()));
    }

    private static String line(Result result, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + "$").matcher(result.stdout());
        if (!m.find()) {
            fail("no line '" + regex + "' in the output\n" + result.transcript());
        }
        return m.group(1).trim();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.startsWith(root.resolve("data")) && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

}
