package dev.cadre.platform.templates;

import dev.cadre.platform.expressions.Expecting;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Type-checks a template's conditions and fan-outs with cel-java's checker against what is declared:
 * {@code parameters} from the template's declaration, {@code outputs.CODE} from the handler's output
 * shape or the manual step's form (only steps that run before the expression), {@code instance} from
 * the fan-out's element type. An unknown step, parameter or field, or a type mismatch, is an error at
 * the expression's path with its line and column; reading something undeclared ({@code dyn}) is a warning.
 */
final class ExpressionChecker {

    private final ExpressionEngine engine;
    private final Function<String, Optional<Map<String, Object>>> outputShapes;

    /**
     * @param engine       the CEL language the checker shares with evaluation
     * @param outputShapes handler name to its declared output shape (empty map = declares none; empty = unknown handler)
     */
    ExpressionChecker(ExpressionEngine engine, Function<String, Optional<Map<String, Object>>> outputShapes) {
        this.engine = engine;
        this.outputShapes = outputShapes;
    }

    /** Checks every condition and fan-out of the template, in the order a run meets them. */
    void check(Template template, ProblemCollector problems) {
        Set<String> codes = new LinkedHashSet<>();
        template.activities().forEach(a -> codes.add(a.code()));
        List<ActivityTemplate> before = new ArrayList<>();
        for (int i = 0; i < template.phases().size(); i++) {
            PhaseTemplate phase = template.phases().get(i);
            CelType element = SimpleType.DYN;
            boolean fannedOut = false;
            for (int k = 0; k < phase.activities().size(); k++) {
                ActivityTemplate activity = phase.activities().get(k);
                if (phase.isParallel() && activity.isParallel() && !fannedOut) {
                    fannedOut = true;
                    if (phase.fanOut() != null && !phase.fanOut().isBlank()) {
                        CelType result = check(template, codes, before, SimpleType.DYN, "phases[" + i + "].fanOut", phase.fanOut(),
                                Expecting.LIST, problems);
                        element = result instanceof ListType list ? list.elemType() : SimpleType.DYN;
                    }
                }
                if (activity.condition() != null && !activity.condition().isBlank()) {
                    check(template, codes, before, activity.isParallel() ? element : SimpleType.DYN,
                            "phases[" + i + "].activities[" + k + "].condition", activity.condition(), Expecting.BOOL, problems);
                }
                before.add(activity);
            }
        }
    }

    private CelType check(Template template, Set<String> codes, List<ActivityTemplate> visible, CelType instance, String path, String source,
            Expecting expecting, ProblemCollector problems) {
        if (!engine.problems(source, expecting).isEmpty()) {
            return SimpleType.DYN; // the untyped check reports it (syntax, size, unknown root names)
        }
        DeclaredTypes types = new DeclaredTypes();
        CelType parameters = template.parameters().isEmpty() ? DeclaredTypes.UNDECLARED : types.object("the parameters", template.parameters());
        Map<String, CelType> outputs = new LinkedHashMap<>();
        for (ActivityTemplate step : visible) {
            CelType output = outputType(types, step);
            outputs.put(step.code(), step.isParallel() ? MapType.create(SimpleType.STRING, output) : output);
        }
        CelCompiler compiler = engine.checkerBuilder()
                .setTypeProvider(types)
                .addVar("parameters", parameters)
                .addVar("outputs", types.struct("outputs", outputs))
                .addVar("instance", instance)
                .addVar("instanceKey", SimpleType.STRING)
                .build();
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                var location = issue.getSourceLocation();
                Integer line = location.getLine() > 0 ? location.getLine() : null;
                Integer column = line == null ? null : location.getColumn() + 1;
                problems.add(new Problem(Problem.Severity.ERROR, path, describe(compiler, types, source, issue, codes, outputs.keySet(), template),
                        line, column));
            }
            return SimpleType.DYN;
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            return SimpleType.DYN;
        }
        CelType type = ast.getResultType();
        if (expecting == Expecting.BOOL && type.kind() != CelKind.BOOL && type.kind() != CelKind.DYN && type.kind() != CelKind.ANY) {
            problems.add(new Problem(Problem.Severity.ERROR, path, "yields " + type.name() + ", not a bool", 1, 1));
        }
        if (expecting == Expecting.LIST && type.kind() != CelKind.LIST && type.kind() != CelKind.DYN && type.kind() != CelKind.ANY) {
            problems.add(new Problem(Problem.Severity.ERROR, path, "yields " + type.name() + ", not a list", 1, 1));
        }
        undeclaredReads(ast, source, path, problems);
        return type;
    }

    /** The output a step leaves in {@code outputs}: a person's completion, or the handler's declared output. */
    private CelType outputType(DeclaredTypes types, ActivityTemplate step) {
        if (step.manual()) {
            Map<String, CelType> completion = new LinkedHashMap<>();
            completion.put("outcome", SimpleType.STRING);
            completion.put("completedBy", SimpleType.STRING);
            completion.put("comment", SimpleType.STRING);
            completion.put("override", SimpleType.BOOL);
            completion.put("data", FormFields.of(step).<CelType>map(form -> types.object("the data of " + step.code(), form))
                    .orElse(DeclaredTypes.UNDECLARED));
            return types.struct("the completion of " + step.code(), completion);
        }
        Optional<Map<String, Object>> shape = step.handler() == null ? Optional.empty() : outputShapes.apply(step.handler());
        return shape.filter(s -> !s.isEmpty()).<CelType>map(s -> types.object("the output of " + step.code(), s))
                .orElse(DeclaredTypes.UNDECLARED);
    }

    /**
     * Rewrites the checker's "undefined field" into what is missing where (the select at the issue's place
     * names the field; compiling its operand alone gives the struct that lacks it); other messages lose
     * their candidate lists.
     */
    private static String describe(CelCompiler compiler, DeclaredTypes types, String source, CelIssue issue, Set<String> codes,
            Set<String> visible, Template template) {
        String message = issue.getMessage();
        java.util.regex.Matcher undefined = java.util.regex.Pattern.compile("undefined field '([^']*)'").matcher(message);
        if (!undefined.find()) {
            int candidates = message.indexOf(" (candidates:");
            return candidates < 0 ? message : message.substring(0, candidates);
        }
        String field = undefined.group(1);
        Optional<String> operand = operandOf(compiler, source, field, issue.getSourceLocation());
        if (operand.isEmpty()) {
            return message;
        }
        if (operand.get().equals("outputs")) {
            return codes.contains(field) && !visible.contains(field)
                    ? "step " + field + " runs after this expression, so its output is not there yet"
                    : "no step '" + field + "' in template " + template.code();
        }
        if (operand.get().equals("parameters")) {
            return "no parameter '" + field + "' is declared; declared: " + String.join(", ", template.parameters().keySet());
        }
        CelValidationResult alone = compiler.compile(operand.get());
        if (alone.hasError()) {
            return message;
        }
        try {
            CelType type = alone.getAst().getResultType();
            if (type.kind() == CelKind.STRUCT && types.findType(type.name()).orElse(null) instanceof StructType struct) {
                return "no field '" + field + "' in " + struct.name() + "; it has " + String.join(", ", new java.util.TreeSet<>(struct.fieldNames()));
            }
        } catch (dev.cel.common.CelValidationException e) {
            return message;
        }
        return message;
    }

    /** @return the identifier chain whose {@code .field} sits at the location, as written */
    private static Optional<String> operandOf(CelCompiler compiler, String source, String field, dev.cel.common.CelSourceLocation location) {
        CelValidationResult parsed = compiler.parse(source);
        if (parsed.hasError()) {
            return Optional.empty();
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = parsed.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            return Optional.empty();
        }
        int offset = ast.getSource().getLocationOffset(location).orElse(-1);
        List<CelExpr> selects = CelNavigableAst.fromAst(ast).getRoot().allNodes().map(CelNavigableExpr::expr)
                .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.SELECT && expr.select().field().equals(field)).toList();
        return selects.stream().filter(expr -> ast.getSource().getPositionsMap().getOrDefault(expr.id(), -2) == offset).findFirst()
                .or(() -> selects.stream().findFirst())
                .map(expr -> text(expr.select().operand()));
    }

    /** Warns where the expression reads a field of something undeclared: that read is not checked. */
    private static void undeclaredReads(CelAbstractSyntaxTree ast, String source, String path, ProblemCollector problems) {
        Set<String> warned = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().map(CelNavigableExpr::expr)
                .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.SELECT)
                .forEach(expr -> {
                    CelExpr operand = expr.select().operand();
                    CelType type = ast.getType(operand.id()).orElse(SimpleType.DYN);
                    boolean undeclared = type.kind() == CelKind.DYN
                            || type instanceof MapType map && map.valueType().kind() == CelKind.DYN;
                    String text = text(operand);
                    if (undeclared && text != null && warned.add(text)) {
                        int offset = ast.getSource().getPositionsMap().getOrDefault(expr.id(), 0);
                        var location = ast.getSource().getOffsetLocation(offset);
                        problems.add(new Problem(Problem.Severity.WARNING, path, text + " is undeclared, so ." + expr.select().field()
                                + " is not checked", location.map(l -> l.getLine()).orElse(null),
                                location.map(l -> l.getColumn() + 1).orElse(null)));
                    }
                });
    }

    /** @return an identifier chain as written ({@code outputs.X.data}), or null for anything else */
    private static String text(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            return expr.ident().name();
        }
        if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            String operand = text(expr.select().operand());
            return operand == null ? null : operand + "." + expr.select().field();
        }
        return null;
    }
}
