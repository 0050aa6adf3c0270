package dev.cadre.plugins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsJsonCompatibleValues() {
        Map<String, Object> value = Json.object("s", "quote \" slash \\ nl \n tab \t ctl \u0001", "l", 3L, "d", 0.25,
                "b", true, "n", null, "list", Arrays.asList(1L, "x", List.of()), "map", Map.of());
        assertEquals(value, Json.parse("t", Json.write(value)));
    }

    @Test
    void writesDeterministically() {
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    2.5\n  ]\n}\n", Json.write(Json.object("b", 1, "a", List.of(2.5))));
    }

    @Test
    void namesTheSourceOfASyntaxError() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> Json.parse("x.json", "{\"a\": }"));
        assertEquals("x.json: invalid JSON at offset 6: unexpected character '}'", failure.getMessage());
    }
}
