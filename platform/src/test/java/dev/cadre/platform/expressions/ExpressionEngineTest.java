package dev.cadre.platform.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionEngineTest {

    private final ExpressionEngine engine = new ExpressionEngine();

    @Test
    void seedExpressionsCompile() {
        for (String source : List.of("parameters.dataOwners",
                "parameters.dataOwners.map(o, outputs.VALIDATE_DATA_UPLOAD[o].documents).flatten()",
                "outputs.EXECUTE_TESTS.map(execution, execution)",
                "outputs.DATA_PROFILING.anomalyCount > 0",
                "outputs.CREATE_OBSERVATIONS[instanceKey].observationCount > 0",
                "instance.name.upperAscii().startsWith('A')")) {
            assertEquals(List.of(), engine.problems(source), source);
        }
    }

    @Test
    void compileErrorsAreReportedWithTheirPlace() {
        List<String> problems = engine.problems("parameters.x >");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 1, column"), problems.get(0));
        assertTrue(engine.problems("unknownVariable == 1").get(0).contains("undeclared reference to 'unknownVariable'"));
        assertEquals(List.of("is empty"), engine.problems(" "));
    }

    @Test
    void expectedKindIsCheckedWhenTheTypeIsKnown() {
        assertEquals(List.of("yields int, not a bool"), engine.problems("1 + 2", Expecting.BOOL));
        assertEquals(List.of("yields string, not a list"), engine.problems("'a'", Expecting.LIST));
        assertEquals(List.of(), engine.problems("parameters.flag", Expecting.BOOL));
    }

    @Test
    void conditionsOverOutputsAndParameters() {
        Map<String, Object> variables = Map.of(
                "parameters", Map.of("threshold", 2),
                "outputs", Map.of("DATA_PROFILING", Map.of("anomalyCount", 3)));
        assertTrue(engine.condition("outputs.DATA_PROFILING.anomalyCount > parameters.threshold", variables));
        assertFalse(engine.condition("outputs.DATA_PROFILING.anomalyCount > 5", variables));
        // int against double in JSON: both numbers
        assertTrue(engine.condition("outputs.DATA_PROFILING.anomalyCount > 2.5", variables));
        assertTrue(engine.condition("instanceKey == 'owner-a'", Map.of("instanceKey", "owner-a")));
    }

    @Test
    void nonBoolConditionIsAClearError() {
        ExpressionException error = assertThrows(ExpressionException.class,
                () -> engine.condition("parameters.name", Map.of("parameters", Map.of("name", "x"))));
        assertEquals("condition `parameters.name` must yield a bool, but yielded a string (x)", error.getMessage());
    }

    @Test
    void fanOutWithFlatten() {
        Map<String, Object> variables = Map.of(
                "parameters", Map.of("dataOwners", List.of("finance", "risk")),
                "outputs", Map.of("VALIDATE_DATA_UPLOAD", Map.of(
                        "finance", Map.of("documents", List.of("f1", "f2")),
                        "risk", Map.of("documents", List.of("r1")))));
        assertEquals(List.of("f1", "f2", "r1"), engine.fanOut(
                "parameters.dataOwners.map(o, outputs.VALIDATE_DATA_UPLOAD[o].documents).flatten()", variables));
        ExpressionException error = assertThrows(ExpressionException.class, () -> engine.fanOut("parameters", variables));
        assertTrue(error.getMessage().startsWith("fan-out `parameters` must yield a list, but yielded a map"), error.getMessage());
    }

    @Test
    void resultsArePlainJava() {
        Object result = engine.evaluate("{'a': [1, 2.5, 'x', true, null], 'b': parameters.n + 1, 'u': 3u, 'bytes': b'hi'}",
                Map.of("parameters", Map.of("n", 41)));
        Map<String, Object> expected = new LinkedHashMap<>();
        java.util.ArrayList<Object> list = new java.util.ArrayList<>(List.of(1L, 2.5, "x", true));
        list.add(null);
        expected.put("a", list);
        expected.put("b", 42L);
        expected.put("u", 3L);
        expected.put("bytes", "aGk=");
        assertEquals(expected, result);
        assertNull(engine.evaluate("instance", Map.of()));
        assertEquals(7L, engine.evaluate("instance.n", Map.of("instance", Map.of("n", 7))));
    }

    @Test
    void hugeComprehensionStopsWithAnError() {
        List<Integer> hundred = java.util.stream.IntStream.range(0, 200).boxed().toList();
        ExpressionException error = assertThrows(ExpressionException.class, () -> engine.evaluate(
                "parameters.xs.map(a, parameters.xs.map(b, parameters.xs.map(c, a + b + c)))",
                Map.of("parameters", Map.of("xs", hundred))));
        assertTrue(error.getMessage().contains("Iteration budget exceeded: 10000"), error.getMessage());
    }

    @Test
    void oversizedSourceIsRejected() {
        String big = "1 + ".repeat(1100) + "1";
        assertEquals(List.of("is " + big.length() + " characters long; the limit is 4096"), engine.problems(big));
        assertThrows(ExpressionException.class, () -> engine.evaluate(big, Map.of()));
    }

    @Test
    void amplifyingFunctionsAreNotDeclared() {
        assertFalse(engine.problems("lists.range(100000000)").isEmpty());
        assertFalse(engine.problems("'a'.replace('a', 'aa')").isEmpty());
        assertEquals(List.of(), engine.problems("'a,b'.split(',').join('-')"));
    }

    @Test
    void instanceKeys() {
        assertEquals("finance", engine.instanceKey("finance"));
        assertEquals("42", engine.instanceKey(42));
        assertEquals("42", engine.instanceKey(42L));
        assertEquals("2", engine.instanceKey(2.0));
        assertEquals("2.5", engine.instanceKey(2.5));
        assertEquals("true", engine.instanceKey(true));
        assertEquals("doc-7", engine.instanceKey(Map.of("key", "doc-7", "pages", 3)));
        assertEquals("17", engine.instanceKey(Map.of("id", 17, "name", "x")));
        String hashed = engine.instanceKey(Map.of("owner", "finance", "n", 1));
        assertTrue(hashed.matches("[0-9a-f]{16}"), hashed);
        // key order does not matter: the JSON is canonical
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("n", 1);
        reordered.put("owner", "finance");
        assertEquals(hashed, engine.instanceKey(reordered));
        assertEquals(hashed, engine.instanceKey(Map.of("owner", "finance", "n", 1L)));
        assertTrue(engine.instanceKey("x".repeat(300)).matches("[0-9a-f]{16}"));
    }

    @Test
    void cachedProgramsAreSafeAcrossThreads() throws Exception {
        String source = "parameters.n * 2";
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Object> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    results.add(engine.evaluate(source, Map.of("parameters", Map.of("n", n))).equals((long) n * 2));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1600, results.size());
        assertTrue(results.stream().allMatch(Boolean.TRUE::equals));
    }
}
