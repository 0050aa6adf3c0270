package dev.cadre.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Where a JSON document holds a control character, named as the 400 names it. */
class ControlCharactersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void aCleanDocumentHasNoPlace() throws Exception {
        assertNull(ControlCharacters.pathIn(json("{\"a\": [\"tab\\tand\\nlines\", {\"b\": 1}], \"c\": null}")));
    }

    @Test
    void thePlaceIsAPathFromTheDocument() throws Exception {
        assertEquals("", ControlCharacters.pathIn(json("\"nul\\u0000\"")));
        assertEquals("businessKey", ControlCharacters.pathIn(json("{\"businessKey\": \"a\\u0000b\"}")));
        assertEquals("parameters.owners[1]", ControlCharacters.pathIn(json("{\"parameters\": {\"owners\": [\"ok\", \"bell\\u0007\"]}}")));
        assertEquals("[2].note", ControlCharacters.pathIn(json("[1, {}, {\"note\": \"\\u001b[31m\"}]")));
        assertEquals("x.[a", ControlCharacters.pathIn(json("{\"x\": {\"[a\": \"\\u0000\"}}")), "a name that looks like an index stays a name");
    }

    @Test
    void aNameWithTheCharacterIsNamedSafelyForTheLog() throws Exception {
        assertEquals("items[0].bad\\u0007name", ControlCharacters.pathIn(json("{\"items\": [{\"bad\\u0007name\": 1}]}")));
    }
}
