package dev.cadre.platform.templates;

import dev.cadre.platform.expressions.Expecting;
import dev.cadre.platform.expressions.ExpressionEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.cadre.plugin.api.Shapes;
import java.util.regex.Pattern;

/**
 * Checks a template document before it is stored or published and reports every problem, each
 * with its JSON path. Dependencies are checked by {@link DependencyRules}.
 */
public final class TemplateValidator {

    /** The most attempts a retry policy may ask for. */
    public static final int MAX_ATTEMPTS = 100;
    /** The largest backoff coefficient a retry policy may ask for. */
    public static final double MAX_BACKOFF = 100.0;
    /** Instances of one phase running at once: Temporal allows 2,000 pending activities per workflow. */
    public static final int MAX_PARALLELISM = 2_000;
    /**
     * The largest fan-out a phase may declare: its instances run in child workflows of a few hundred
     * each, and the run keeps one summary per instance step.
     */
    public static final int MAX_INSTANCES = 100_000;

    private static final Pattern TEMPLATE_CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern ACTIVITY_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final int MAX_NAME = 200;

    private final ExpressionEngine expressions;
    private final Predicate<String> knownHandler;
    private final ExpressionChecker checker;

    /**
     * @param expressions  compiles conditions and fan-outs
     * @param knownHandler tells whether the host knows a handler name, for example
     *                     {@code registry::knows}; {@code null} = do not judge handler names (offline)
     */
    public TemplateValidator(ExpressionEngine expressions, Predicate<String> knownHandler) {
        this(expressions, knownHandler, handler -> Optional.empty());
    }

    /**
     * @param expressions  compiles conditions and fan-outs
     * @param knownHandler tells whether the host knows a handler name; {@code null} = do not judge handler names
     * @param outputShapes handler name to the output shape it declares (an empty map: none), empty when
     *                     unknown; expressions reading outputs are type-checked against them
     */
    public TemplateValidator(ExpressionEngine expressions, Predicate<String> knownHandler,
            Function<String, Optional<Map<String, Object>>> outputShapes) {
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.knownHandler = knownHandler;
        this.checker = new ExpressionChecker(expressions, Objects.requireNonNull(outputShapes, "outputShapes"));
    }

    /** @return a validator that cannot know which handlers a host has, so does not check handler names */
    public static TemplateValidator offline(ExpressionEngine expressions) {
        return new TemplateValidator(expressions, null);
    }

    /**
     * @param expressions  compiles conditions and fan-outs
     * @param outputShapes the output shapes known without a host (the built-in handlers')
     * @return a validator that does not judge handler names but checks expressions against those shapes
     */
    public static TemplateValidator offline(ExpressionEngine expressions, Function<String, Optional<Map<String, Object>>> outputShapes) {
        return new TemplateValidator(expressions, null, outputShapes);
    }

    /**
     * Compiles a published template's expressions and keeps them for as long as the host runs, so that
     * no run of it parses or checks one again.
     *
     * @param template a valid template
     */
    public void keepExpressions(Template template) {
        expressions.keep(template.expressions());
    }

    /** @return whether handler names are checked */
    public boolean checksHandlers() {
        return knownHandler != null;
    }

    /**
     * @param template a template document
     * @return every problem: errors reject the document, warnings (unknown handlers) block publishing
     */
    public ValidationReport validate(Template template) {
        ProblemCollector problems = new ProblemCollector();
        if (problems.required("code", template.code()) && !TEMPLATE_CODE.matcher(template.code()).matches()) {
            problems.error("code", "must be 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; got '"
                    + template.code() + "'");
        }
        name(problems, "name", template.name());
        if (template.phases().isEmpty()) {
            problems.error("phases", "needs at least one phase");
        }
        Map<String, String> phaseNames = new HashMap<>();
        Map<Integer, String> phaseOrders = new HashMap<>();
        Map<String, String> activityCodes = new HashMap<>();
        for (int i = 0; i < template.phases().size(); i++) {
            PhaseTemplate phase = template.phases().get(i);
            String path = "phases[" + i + "]";
            if (name(problems, path + ".name", phase.name())) {
                unique(problems, phaseNames, phase.name(), path, ".name", "duplicate phase name '" + phase.name() + "'");
            }
            if (phase.order() < 1) {
                problems.error(path + ".order", "must be 1 or more, got " + phase.order());
            } else {
                unique(problems, phaseOrders, phase.order(), path, ".order", "duplicate phase order " + phase.order());
            }
            phase(problems, path, phase);
            for (int k = 0; k < phase.activities().size(); k++) {
                String activityPath = path + ".activities[" + k + "]";
                ActivityTemplate activity = phase.activities().get(k);
                activity(problems, activityPath, activity);
                if (activity.code() != null && !activity.code().isBlank()) {
                    unique(problems, activityCodes, activity.code(), activityPath, ".code", "duplicate activity code '" + activity.code() + "'");
                }
            }
        }
        new DependencyRules(template, problems).check();
        ReworkRules.check(template, problems);
        for (String problem : Shapes.declarationProblems(template.parameters())) {
            int colon = problem.indexOf(": ");
            problems.error("parameters." + problem.substring(0, colon), problem.substring(colon + 2));
        }
        ScenarioRules.check(template, problems);
        if (!problems.report().hasErrors()) {
            checker.check(template, problems); // types only mean something in an otherwise sound document
        }
        return problems.report();
    }

    private void phase(ProblemCollector problems, String path, PhaseTemplate phase) {
        if (phase.activities().isEmpty()) {
            problems.error(path + ".activities", "needs at least one activity");
        }
        if (phase.executionMode() == null) {
            problems.error(path + ".executionMode", "is required (sequential or parallel)");
            return;
        }
        if (phase.isParallel()) {
            parallelPhase(problems, path, phase);
            return;
        }
        if (phase.fanOut() != null) {
            problems.error(path + ".fanOut", "a sequential phase has no fan-out; make the phase parallel or remove it");
        }
        if (phase.maxParallelism() != null) {
            problems.error(path + ".maxParallelism", "only a parallel phase has maxParallelism");
        }
        if (phase.maxInstances() != null) {
            problems.error(path + ".maxInstances", "only a parallel phase has maxInstances");
        }
        for (int k = 0; k < phase.activities().size(); k++) {
            if (phase.activities().get(k).isParallel()) {
                problems.error(path + ".activities[" + k + "].executionMode", "a sequential phase cannot have parallel activities");
            }
        }
    }

    private void parallelPhase(ProblemCollector problems, String path, PhaseTemplate phase) {
        if (phase.fanOut() == null || phase.fanOut().isBlank()) {
            problems.error(path + ".fanOut", "a parallel phase needs a fan-out expression yielding one element per instance");
        } else {
            expression(problems, path + ".fanOut", phase.fanOut(), Expecting.LIST);
        }
        if (phase.maxParallelism() != null && (phase.maxParallelism() < 1 || phase.maxParallelism() > MAX_PARALLELISM)) {
            problems.error(path + ".maxParallelism", "must be between 1 and " + MAX_PARALLELISM
                    + " (Temporal's limit of pending activities per workflow), got " + phase.maxParallelism());
        }
        if (phase.maxInstances() != null && (phase.maxInstances() < 1 || phase.maxInstances() > MAX_INSTANCES)) {
            problems.error(path + ".maxInstances", "must be between 1 and " + MAX_INSTANCES + ", got " + phase.maxInstances());
        }
        // the parallel activities form one block: sequential ones run before it or after every instance
        int first = -1;
        int last = -1;
        for (int k = 0; k < phase.activities().size(); k++) {
            if (phase.activities().get(k).isParallel()) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0 && !phase.activities().isEmpty()) {
            problems.error(path + ".activities", "a parallel phase needs at least one parallel activity");
        }
        for (int k = first + 1; k < last; k++) {
            if (!phase.activities().get(k).isParallel()) {
                problems.error(path + ".activities[" + k + "].executionMode", "a sequential activity cannot sit between the parallel "
                        + "activities of a parallel phase; put it before them (runs once first) or after them (runs once after every instance)");
            }
        }
    }

    private void activity(ProblemCollector problems, String path, ActivityTemplate activity) {
        TaskDeadlines.check(problems, path, activity);
        TaskForm.check(problems, path, activity);
        if (activity.config().get("assignee") instanceof String assignee) {
            if (!activity.manual() || !activity.isParallel()) {
                problems.error(path + ".config.assignee", "a person is assigned to the instance tasks of a parallel manual activity only");
            } else {
                expression(problems, path + ".config.assignee", assignee, Expecting.ANY);
            }
        }
        if (problems.required(path + ".code", activity.code()) && !ACTIVITY_CODE.matcher(activity.code()).matches()) {
            problems.error(path + ".code", "must be 1 to 100 letters, digits or '_', starting with a letter; got '" + activity.code() + "'");
        }
        name(problems, path + ".name", activity.name());
        if (activity.type() == null) {
            problems.error(path + ".type", "is required (START, TASK, REVIEW, APPROVAL or COMPLETE)");
        } else if (activity.manual() && (activity.type() == ActivityType.START || activity.type() == ActivityType.COMPLETE)) {
            problems.error(path + ".manual", "a " + activity.type() + " activity is an automated marker; a manual activity must be TASK, REVIEW or APPROVAL");
        }
        if (problems.required(path + ".handler", activity.handler()) && knownHandler != null && !knownHandler.test(activity.handler())) {
            problems.warning(path + ".handler", "no loaded plugin or built-in provides handler '" + activity.handler()
                    + "'; install its plugin (publishing needs force until then)");
        }
        if (activity.handlerVersion() != null) {
            String range = activity.handlerVersion();
            if (range.isBlank() || range.length() > 100 || range.chars().anyMatch(Character::isISOControl) || !ReleasePins.validRange(range)) {
                problems.error(path + ".handlerVersion", "is not a version range: '" + range.replaceAll("\\p{Cntrl}", "?")
                        + "' (use for example ^1.0, ~1.2.3, 1.0.0 or >=1.0 <2.0)");
            } else if (activity.manual()) {
                problems.error(path + ".handlerVersion", "only an automated step runs a plugin release; a manual step has none to pin");
            }
        }
        if (activity.timeoutSeconds() <= 0) {
            problems.error(path + ".timeoutSeconds", "must be greater than 0, got " + activity.timeoutSeconds());
        }
        retryPolicy(problems, path + ".retryPolicy", activity.retryPolicy());
        if (activity.condition() != null) {
            if (activity.condition().isBlank()) {
                problems.error(path + ".condition", "is blank; use null for an activity that always runs");
            } else {
                expression(problems, path + ".condition", activity.condition(), Expecting.BOOL);
            }
        }
    }

    private static void retryPolicy(ProblemCollector problems, String path, RetryPolicy retry) {
        if (retry.maximumAttempts() < 1 || retry.maximumAttempts() > MAX_ATTEMPTS) {
            problems.error(path + ".maximumAttempts", "must be between 1 and " + MAX_ATTEMPTS + ", got " + retry.maximumAttempts());
        }
        if (retry.initialIntervalSeconds() <= 0) {
            problems.error(path + ".initialIntervalSeconds", "must be greater than 0, got " + retry.initialIntervalSeconds());
        }
        if (retry.maximumIntervalSeconds() <= 0) {
            problems.error(path + ".maximumIntervalSeconds", "must be greater than 0, got " + retry.maximumIntervalSeconds());
        } else if (retry.maximumIntervalSeconds() < retry.initialIntervalSeconds()) {
            problems.error(path + ".maximumIntervalSeconds", "must be at least initialIntervalSeconds (" + retry.initialIntervalSeconds()
                    + "), got " + retry.maximumIntervalSeconds());
        }
        double backoff = retry.backoffCoefficient();
        if (!(backoff >= 1.0 && backoff <= MAX_BACKOFF)) {
            problems.error(path + ".backoffCoefficient", "must be between 1 and " + (int) MAX_BACKOFF + ", got " + backoff);
        }
        List<String> errors = retry.nonRetryableErrors();
        for (int e = 0; e < errors.size(); e++) {
            if (errors.get(e) == null || errors.get(e).isBlank()) {
                problems.error(path + ".nonRetryableErrors[" + e + "]", "must be a failure type, not blank");
            }
        }
    }

    private void expression(ProblemCollector problems, String path, String source, Expecting expecting) {
        List<String> found = expressions.problems(source, expecting);
        if (!found.isEmpty()) {
            problems.error(path, "is not valid CEL: " + String.join("; ", found));
        }
    }

    private static boolean name(ProblemCollector problems, String path, String name) {
        if (!problems.required(path, name)) {
            return false;
        }
        if (name.length() > MAX_NAME) {
            problems.error(path, "must be at most " + MAX_NAME + " characters, got " + name.length());
        }
        return true;
    }

    private static <K> void unique(ProblemCollector problems, Map<K, String> seen, K key, String path, String field, String message) {
        String first = seen.putIfAbsent(key, path);
        if (first != null) {
            problems.error(path + field, message + " (also " + first + ")");
        }
    }
}
