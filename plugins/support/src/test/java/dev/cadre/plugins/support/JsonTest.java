package dev.cadre.plugins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsJsonCompatibleValues() {
        Map<String, Object> value = Json.object("s", "quote \" slash \\ nl \n tab \t ctl \u0001 é", "l", 3L, "d", 0.25,
                "b", true, "n", null, "list", Arrays.asList(1L, "x", List.of()), "map", Map.of());
        assertEquals(value, Json.parse("t", Json.write(value)));
    }

    @Test
    void writesDeterministically() {
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    2.5\n  ]\n}\n", Json.write(Json.object("b", 1, "a", List.of(2.5))));
        assertEquals("{\n  \"e\": {},\n  \"l\": [],\n  \"d\": 100000000000000000000\n}\n",
                Json.write(Json.object("e", Map.of(), "l", List.of(), "d", 1e20)));
    }

    @Test
    void namesTheSourceLineAndColumnOfASyntaxError() {
        ActivityFailure failure = invalid("x.json", "{\n  \"a\": }");
        assertTrue(failure.getMessage().startsWith("x.json line 2, column 8: invalid JSON: "), failure.getMessage());
    }

    @Test
    void aBadUnicodeEscapeIsInvalidInputNotANumberFormatException() {
        assertTrue(invalid("u.json", "\"\\uZZZZ\"").getMessage().startsWith("u.json line 1, column "));
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        ActivityFailure failure = invalid("deep.json", "[".repeat(100_000));
        assertTrue(failure.getMessage().contains("nesting depth"), failure.getMessage());
        assertEquals(List.of(List.of(List.of())), Json.parse("ok.json", "[[[]]]"));
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorNotPartOfTheString() {
        invalid("q.json", "\"q\"z");
        invalid("q.json", "{\"a\": \"q\"z}");
        invalid("q.json", "[\"q\" \"z\"]");
    }

    @Test
    void refusesWhatIsNotOneStrictJsonValue() {
        invalid("e.json", "");
        invalid("e.json", "  ");
        invalid("two.json", "{} {}");
        invalid("dup.json", "{\"a\": 1, \"a\": 2}");
        invalid("big.json", "123456789012345678901234567890");
        invalid("inf.json", "1e400");
        invalid("lenient.json", "{'a': 1}");
        invalid("lenient.json", "[1,]");
        invalid("lenient.json", "NaN");
        invalid("lenient.json", "[01]");
    }

    private static ActivityFailure invalid(String source, String text) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> Json.parse(source, text), text);
        assertEquals("InvalidInput", failure.type());
        assertFalse(failure.isRetryable(), "malformed input is not transient");
        assertTrue(failure.getMessage().startsWith(source), failure.getMessage());
        return failure;
    }
}
