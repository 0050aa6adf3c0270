package dev.cadre.platform.plugins;

/**
 * Opens {@link PluginJarBuilder} (package-private) to the admin endpoint's tests, so they upload the
 * same real, compiled plugin JARs as the registry's tests.
 */
public final class ApiTestPluginJars {

    private ApiTestPluginJars() {
    }

    /**
     * @param id          Plugin-Id
     * @param version     Plugin-Version
     * @param handlerName a handler answering {@code {"handler": name, "version": version}}
     * @return the JAR's bytes
     */
    public static byte[] withHandler(String id, String version, String handlerName) {
        return PluginJarBuilder.plugin(id, version).handler(handlerName).build();
    }

    /**
     * A plugin with a handler that scores its run's {@code amount} parameter by a formula of its own:
     * {@code score = amount * factor + offset}; each release of a plugin can carry another formula.
     *
     * @return the JAR's bytes
     */
    public static byte[] scoring(String id, String version, String handlerName, int factor, int offset) {
        return PluginJarBuilder.plugin(id, version).handler(handlerName, "return \"" + handlerName + "\";",
                "long amount = ((Number) context.parameters().get(\"amount\")).longValue(); "
                        + "return ActivityResult.completed(Map.of(\"score\", amount * " + factor + " + " + offset + "));", "").build();
    }

    /**
     * A plugin whose handler constructor never returns, interrupts or not, until the system property
     * {@code flag + ".release"} is {@code true}; it sets {@code flag + ".entered"} when it starts hanging.
     *
     * @param id          Plugin-Id
     * @param handlerName the handler's class name (without {@code Handler}) and name
     * @param flag        prefix of the two system properties
     * @return the JAR's bytes
     */
    public static byte[] hangingInConstructor(String id, String handlerName, String flag) {
        String simple = handlerName + "Handler";
        return PluginJarBuilder.plugin(id, "1.0.0").handler(handlerName, "return \"" + handlerName + "\";", "return null;",
                "public " + simple + "() {\n"
                        + "    System.setProperty(\"" + flag + ".entered\", \"true\");\n"
                        + "    while (!Boolean.getBoolean(\"" + flag + ".release\")) {\n"
                        + "      try { Thread.sleep(20); } catch (InterruptedException ignored) { }\n"
                        + "    }\n"
                        + "  }").build();
    }

    /**
     * A plugin whose handler, like ValidateDataUpload, completes on the artifact named by its config
     * {@code artifact}, listing it with its SHA-256 under {@code usedArtifacts}.
     *
     * @param id          Plugin-Id
     * @param handlerName the handler's name
     * @return the JAR's bytes
     */
    public static byte[] usingArtifact(String id, String handlerName) {
        return PluginJarBuilder.plugin(id, "1.0.0").handler(handlerName, "return \"" + handlerName + "\";",
                "String name = String.valueOf(context.config().get(\"artifact\"));\n"
                        + "    Artifact used = context.artifacts().get(name).orElseThrow(\n"
                        + "        () -> ActivityFailure.nonRetryable(\"InvalidInput\", name + \" is missing\"));\n"
                        + "    return ActivityResult.completed(Map.of(\"usedArtifacts\", Map.of(name, used.sha256())));",
                "").build();
    }

    /**
     * @param id          Plugin-Id
     * @param version     Plugin-Version
     * @param handlerName a handler whose first attempt fails retryably (type {@code Flaky}) and whose later ones complete
     * @return the JAR's bytes
     */
    public static byte[] failingFirstAttempt(String id, String version, String handlerName) {
        return PluginJarBuilder.plugin(id, version).handler(handlerName, "return \"" + handlerName + "\";",
                "if (context.attempt() == 1) { throw ActivityFailure.retryable(\"Flaky\", \"the first attempt fails\"); }\n"
                        + "    return ActivityResult.completed(Map.of(\"attempt\", context.attempt()));", "").build();
    }

    /**
     * A plugin whose handler, like ValidateDataUpload, checks a person's uploaded CSV: the artifact named by its
     * config {@code artifact} ({@code {instance}} replaced by the fan-out instance) must have a {@code sample_id}
     * column, else it fails non-retryably with type {@code InvalidEvidence} naming the problem.
     *
     * @param id          Plugin-Id
     * @param handlerName the handler's name
     * @return the JAR's bytes
     */
    public static byte[] checkingCsv(String id, String handlerName) {
        return PluginJarBuilder.plugin(id, "1.0.0").handler(handlerName, "return \"" + handlerName + "\";",
                "String name = String.valueOf(context.config().get(\"artifact\")).replace(\"{instance}\", context.instanceKey());\n"
                        + "    Artifact file = context.artifacts().get(name).orElseThrow(\n"
                        + "        () -> ActivityFailure.nonRetryable(\"InvalidEvidence\", name + \" is missing\"));\n"
                        + "    String header = new String(file.content(), java.nio.charset.StandardCharsets.UTF_8).split(\"\\n\", 2)[0];\n"
                        + "    if (!java.util.Arrays.asList(header.trim().split(\",\")).contains(\"sample_id\")) {\n"
                        + "      throw ActivityFailure.nonRetryable(\"InvalidEvidence\", name + \" has no sample_id column (columns: \" + header.trim() + \")\");\n"
                        + "    }\n"
                        + "    return ActivityResult.completed(Map.of(\"usedArtifacts\", Map.of(name, file.sha256())));",
                "").build();
    }

    /**
     * The same check as {@link #checkingCsv}, offered on upload too ({@code UploadCheck}): a file without a
     * {@code sample_id} column is refused when a person submits it. A file with a {@code broken_check} column makes
     * the upload check itself throw (the step's own check still passes it).
     */
    public static byte[] checkingCsvOnUpload(String id, String handlerName) {
        String simple = handlerName.replaceAll("[^A-Za-z0-9]", "") + "Handler";
        String pkg = "test." + id.replaceAll("[^A-Za-z0-9]", "_") + ".v1_0_0";
        return PluginJarBuilder.plugin(id, "1.0.0").source(pkg + "." + simple, "package " + pkg + ";\n"
                + "import dev.cadre.plugin.api.*;\nimport java.util.*;\n"
                + "public class " + simple + " implements ActivityHandler, UploadCheck {\n"
                + "  public String name() { return \"" + handlerName + "\"; }\n"
                + "  static String problem(String name, byte[] content) {\n"
                + "    String header = new String(content, java.nio.charset.StandardCharsets.UTF_8).split(\"\\n\", 2)[0].trim();\n"
                + "    return Arrays.asList(header.split(\",\")).contains(\"sample_id\") ? null\n"
                + "        : name + \" has no sample_id column (columns: \" + header + \")\";\n"
                + "  }\n"
                + "  public ActivityResult execute(ActivityContext context) {\n"
                + "    String name = String.valueOf(context.config().get(\"artifact\"));\n"
                + "    Artifact file = context.artifacts().get(name).orElseThrow(\n"
                + "        () -> ActivityFailure.nonRetryable(\"InvalidEvidence\", name + \" is missing\"));\n"
                + "    String problem = problem(name, file.content());\n"
                + "    if (problem != null) { throw ActivityFailure.nonRetryable(\"InvalidEvidence\", problem); }\n"
                + "    return ActivityResult.completed(Map.of(\"usedArtifacts\", Map.of(name, file.sha256())));\n"
                + "  }\n"
                + "  public List<String> checkUpload(UploadCheck.Upload upload) {\n"
                + "    if (new String(upload.content(), java.nio.charset.StandardCharsets.UTF_8).contains(\"broken_check\")) {\n"
                + "      throw new IllegalStateException(\"the check broke\");\n"
                + "    }\n"
                + "    String problem = problem(upload.artifactName(), upload.content());\n"
                + "    return problem == null ? List.of() : List.of(problem);\n"
                + "  }\n}\n").service(pkg + "." + simple).build();
    }

    /** @return a JAR without a manifest: readable, but not a plugin */
    public static byte[] withoutManifest() {
        return PluginJarBuilder.withoutManifest().build();
    }
}
