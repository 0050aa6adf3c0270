package dev.cadre.platform.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code dependsOn} entries of a template: each names a known activity, once, that runs
 * earlier (phase order, then position in the phase), with no cycle; an approval dependency names
 * an activity a person can approve.
 */
final class DependencyRules {

    /** Where an activity sits: its path and when it runs (phase order, then place in the phase). */
    private record Node(ActivityTemplate activity, String path, int phase, int phaseOrder, int index) {
        boolean runsAfter(Node other) {
            if (phaseOrder < 1 || other.phaseOrder < 1) {
                return false; // an invalid order is reported already; ranking by it would only add noise
            }
            if (phaseOrder != other.phaseOrder) {
                return phaseOrder > other.phaseOrder;
            }
            // two phases sharing an order are reported already; their activities cannot be ranked
            return phase == other.phase && index > other.index;
        }
    }

    /** One dependency edge, kept with the path of its {@code dependsOn} entry. */
    private record Edge(Node from, Node to, String path) {
    }

    private final ProblemCollector problems;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<Node, List<Edge>> edges = new LinkedHashMap<>();

    DependencyRules(Template template, ProblemCollector problems) {
        this.problems = problems;
        for (int i = 0; i < template.phases().size(); i++) {
            PhaseTemplate phase = template.phases().get(i);
            for (int k = 0; k < phase.activities().size(); k++) {
                ActivityTemplate activity = phase.activities().get(k);
                Node node = new Node(activity, "phases[" + i + "].activities[" + k + "]", i, phase.order(), k);
                if (activity.code() != null) {
                    nodes.putIfAbsent(activity.code(), node); // duplicates are reported by the validator
                }
                edges.put(node, new ArrayList<>());
            }
        }
    }

    void check() {
        edges.keySet().forEach(this::checkEntries);
        findCycles();
    }

    private void checkEntries(Node node) {
        Map<String, Integer> seen = new HashMap<>();
        List<Dependency> dependsOn = node.activity().dependsOn();
        for (int d = 0; d < dependsOn.size(); d++) {
            String path = node.path() + ".dependsOn[" + d + "]";
            Dependency dependency = dependsOn.get(d);
            String code = dependency.activity();
            if (code == null || code.isBlank()) {
                problems.error(path + ".activity", "is required");
                continue;
            }
            Integer earlier = seen.putIfAbsent(code, d);
            if (earlier != null) {
                problems.error(path, "duplicate dependency on '" + code + "' (also dependsOn[" + earlier + "])");
                continue;
            }
            if (code.equals(node.activity().code())) {
                problems.error(path, "'" + code + "' cannot depend on itself");
                continue;
            }
            Node target = nodes.get(code);
            if (target == null) {
                problems.error(path, "depends on unknown activity '" + code + "'");
                continue;
            }
            edges.get(node).add(new Edge(node, target, path));
            if (target.runsAfter(node)) {
                problems.error(path, "depends on '" + code + "' (" + target.path() + "), which runs later");
            }
            if (dependency.type() == DependencyType.APPROVAL && !approvable(target.activity())) {
                problems.error(path + ".type", "an approval dependency needs a manual REVIEW or APPROVAL activity; '" + code + "' is "
                        + (target.activity().manual() ? "a manual " : "an automated ") + target.activity().type());
            }
        }
    }

    private static boolean approvable(ActivityTemplate activity) {
        return activity.manual() && (activity.type() == ActivityType.REVIEW || activity.type() == ActivityType.APPROVAL);
    }

    /** Depth-first search; each edge that closes a cycle is reported once, with the cycle spelled out. */
    private void findCycles() {
        Map<Node, Integer> state = new HashMap<>(); // absent = unvisited, 1 = on the stack, 2 = done
        for (Node start : edges.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<Node> stack = new ArrayDeque<>();
            visit(start, state, stack);
        }
    }

    private void visit(Node node, Map<Node, Integer> state, Deque<Node> stack) {
        state.put(node, 1);
        stack.addLast(node);
        for (Edge edge : edges.get(node)) {
            Integer targetState = state.get(edge.to());
            if (targetState == null) {
                visit(edge.to(), state, stack);
            } else if (targetState == 1) {
                problems.error(edge.path(), "dependency cycle: " + cycle(stack, edge.to()));
            }
        }
        stack.removeLast();
        state.put(node, 2);
    }

    private static String cycle(Deque<Node> stack, Node closing) {
        List<String> codes = new ArrayList<>();
        boolean inCycle = false;
        for (Node node : stack) {
            inCycle |= node == closing;
            if (inCycle) {
                codes.add(node.activity().code());
            }
        }
        codes.add(closing.activity().code());
        return String.join(" -> ", codes);
    }
}
