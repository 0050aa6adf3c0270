package dev.cadre.platform.expressions;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and evaluates the CEL expressions of templates (conditions and fan-outs) over the
 * variables {@code parameters}, {@code outputs}, {@code instance} and {@code instanceKey}.
 *
 * <p>Evaluation is pure and deterministic (no clock, file, network or random functions are
 * declared), bounded (size cap, {@code comprehensionMaxIterations}, no {@code lists.range} or
 * {@code replace}, which could build huge values from a short expression) and never blocks, so it
 * may run inside Temporal workflow code. Compiled programs are cached; the class is thread-safe.
 */
public final class ExpressionEngine {

    /** The largest expression accepted, in characters. */
    public static final int MAX_SOURCE_LENGTH = 4096;
    /** The most iterations one evaluation's comprehensions ({@code map}, {@code all}, ...) may take. */
    public static final int MAX_ITERATIONS = 10_000;
    private static final int MAX_CACHED = 2048;

    private final Cel cel;
    private final CelOptions options;
    private final CelStringExtensions strings;
    private final CelListsExtensions lists;
    private final InstanceKeys instanceKeys = new InstanceKeys();
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();
    /** Programs of published templates' expressions: never evicted (a template has a handful). */
    private final Map<String, Compiled> kept = new ConcurrentHashMap<>();

    /** Builds the CEL environment; do it once per host and share the engine. */
    public ExpressionEngine() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_SOURCE_LENGTH)
                .maxParseRecursionDepth(64)
                .maxRegexProgramSize(1000)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        EnumSet<CelStringExtensions.Function> strings = EnumSet.allOf(CelStringExtensions.Function.class);
        strings.remove(CelStringExtensions.Function.REPLACE);
        EnumSet<CelListsExtensions.Function> lists = EnumSet.allOf(CelListsExtensions.Function.class);
        lists.remove(CelListsExtensions.Function.RANGE);
        CelType jsonObject = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.options = options;
        this.strings = CelExtensions.strings(strings);
        this.lists = CelExtensions.lists(lists);
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(this.strings, this.lists)
                .addRuntimeLibraries(this.strings, this.lists)
                .addVar("parameters", jsonObject)
                .addVar("outputs", jsonObject)
                .addVar("instance", SimpleType.DYN)
                .addVar("instanceKey", SimpleType.STRING)
                .build();
    }

    /**
     * The same language as evaluation (options, macros, extensions) for a type checker to declare its
     * own variables on: templates check expressions against declared types with it, then runs evaluate
     * them over JSON values with this engine's untyped variables.
     *
     * @return a compiler builder without variables
     */
    public CelCompilerBuilder checkerBuilder() {
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(strings, lists);
    }

    /**
     * Compiles expressions now and keeps their programs for as long as the engine lives: a published
     * template's expressions, so that no run of it parses or checks one again.
     *
     * @param sources expressions
     */
    public void keep(java.util.Collection<String> sources) {
        for (String source : sources) {
            if (source != null && !source.isBlank() && source.length() <= MAX_SOURCE_LENGTH && !kept.containsKey(source)) {
                kept.put(source, cache.containsKey(source) ? cache.get(source) : compileUncached(source));
            }
        }
    }

    /**
     * @param source an expression
     * @return what is wrong with it (empty when it compiles)
     */
    public List<String> problems(String source) {
        return problems(source, Expecting.ANY);
    }

    /**
     * @param source    an expression
     * @param expecting what it must yield; a statically known other type is a problem
     * @return what is wrong with it (empty when it compiles and may yield the expected kind)
     */
    public List<String> problems(String source, Expecting expecting) {
        Compiled compiled = compile(source);
        if (!compiled.problems().isEmpty()) {
            return compiled.problems();
        }
        CelKind kind = compiled.resultType().kind();
        boolean dynamic = kind == CelKind.DYN || kind == CelKind.ANY;
        if (expecting == Expecting.BOOL && !dynamic && kind != CelKind.BOOL) {
            return List.of("yields " + compiled.resultType().name() + ", not a bool");
        }
        if (expecting == Expecting.LIST && !dynamic && kind != CelKind.LIST) {
            return List.of("yields " + compiled.resultType().name() + ", not a list");
        }
        return List.of();
    }

    /**
     * @param source    an expression
     * @param variables any of {@code parameters}, {@code outputs}, {@code instance}, {@code instanceKey};
     *                  absent ones are empty (maps), null (instance) or "" (instanceKey)
     * @return the result as plain JSON-compatible Java
     * @throws ExpressionException when it does not compile or fails at evaluation
     */
    public Object evaluate(String source, Map<String, Object> variables) {
        Compiled compiled = compile(source);
        if (compiled.program() == null) {
            throw new ExpressionException(source, "invalid expression `" + source + "`: " + String.join("; ", compiled.problems()));
        }
        Map<String, Object> input = new HashMap<>();
        input.put("parameters", Map.of());
        input.put("outputs", Map.of());
        input.put("instance", null);
        input.put("instanceKey", "");
        if (variables != null) {
            input.putAll(variables);
        }
        input.replaceAll((name, value) -> value == null && name.equals("instanceKey") ? "" : value);
        Map<String, Object> celInput = new HashMap<>();
        try {
            input.forEach((name, value) -> celInput.put(name, CelValues.toCel(value, name)));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(source, "cannot evaluate `" + source + "`: " + e.getMessage(), e);
        }
        try {
            return CelValues.fromCel(compiled.program().eval(celInput));
        } catch (CelEvaluationException | RuntimeException e) {
            throw new ExpressionException(source, "cannot evaluate `" + source + "`: " + e.getMessage(), e);
        }
    }

    /**
     * @return whether the condition holds
     * @throws ExpressionException when it fails or does not yield a bool
     */
    public boolean condition(String source, Map<String, Object> variables) {
        Object result = evaluate(source, variables);
        if (result instanceof Boolean value) {
            return value;
        }
        throw new ExpressionException(source, "condition `" + source + "` must yield a bool, but yielded " + describe(result));
    }

    /**
     * @return the elements to fan out over, one instance each
     * @throws ExpressionException when it fails or does not yield a list
     */
    public List<Object> fanOut(String source, Map<String, Object> variables) {
        Object result = evaluate(source, variables);
        if (result instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw new ExpressionException(source, "fan-out `" + source + "` must yield a list, but yielded " + describe(result));
    }

    /**
     * @param element an element of a fan-out
     * @return its stable instance key (see {@link InstanceKeys#of(Object)})
     */
    public String instanceKey(Object element) {
        return instanceKeys.of(element);
    }

    private Compiled compile(String source) {
        if (source == null || source.isBlank()) {
            return Compiled.invalid("is empty");
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            // not cached: only small expressions are worth keeping
            return Compiled.invalid("is " + source.length() + " characters long; the limit is " + MAX_SOURCE_LENGTH);
        }
        Compiled cached = kept.get(source);
        if (cached == null) {
            cached = cache.get(source);
        }
        if (cached != null) {
            return cached;
        }
        Compiled compiled = compileUncached(source);
        if (cache.size() < MAX_CACHED) {
            cache.putIfAbsent(source, compiled);
        }
        return compiled;
    }

    private Compiled compileUncached(String source) {
        CelValidationResult result = cel.compile(source);
        if (result.hasError()) {
            return Compiled.invalid(result.getErrors().stream().map(ExpressionEngine::describe).toList());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(cel.createProgram(ast), ast.getResultType(), List.of());
        } catch (CelValidationException | CelEvaluationException e) {
            return Compiled.invalid(e.getMessage());
        }
    }

    private static String describe(CelIssue issue) {
        var location = issue.getSourceLocation();
        return location.getLine() > 0
                ? "line " + location.getLine() + ", column " + (location.getColumn() + 1) + ": " + issue.getMessage()
                : issue.getMessage();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof String ? "a string" : value instanceof Long ? "an int" : value instanceof Double ? "a double"
                : value instanceof Map ? "a map" : value instanceof List ? "a list" : value.getClass().getSimpleName();
        String text = String.valueOf(value);
        return kind + " (" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + ")";
    }

    /** A compiled expression, or why it does not compile. */
    private record Compiled(CelRuntime.Program program, CelType resultType, List<String> problems) {
        static Compiled invalid(String problem) {
            return invalid(List.of(problem));
        }

        static Compiled invalid(List<String> problems) {
            return new Compiled(null, SimpleType.ERROR, List.copyOf(problems));
        }
    }
}
