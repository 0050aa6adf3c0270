package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateAttributesHandlerTest extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new GenerateAttributesHandler();
    }

    @Override
    protected TestActivityContext context() {
        return withDictionary(Fixtures.DICTIONARY);
    }

    private static TestActivityContext withDictionary(String dictionary) {
        return TestActivityContext.builder().activityCode("GENERATE_ATTRIBUTES")
                .config("dictionaryArtifact", "dict.csv").artifact("dict.csv", "text/csv", dictionary).build();
    }

    @Test
    void readsEveryFieldOfTheDictionary() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(5, output.get("attributeCount"));
        assertEquals(List.of("id", "amount", "code", "note", "opened"), output.get("attributes"));
        assertEquals("id", output.get("keyAttribute"));
        assertEquals(2, output.get("cdeCount"));
        assertEquals(List.of("finance", "ops"), output.get("owners"));
        Map<String, Object> amount = Values.maps(Fixtures.json(context.artifacts().text("attributes.json")), "attributes", "t").get(1);
        assertEquals(Map.of("name", "amount", "type", "decimal", "key", false, "cde", true, "owner", "finance",
                "pattern", "", "description", "Amount, in EUR"), amount);
    }

    @Test
    void namesTheLineAndColumnOfABadType() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(
                withDictionary("field,type,key,cde,owner\nid,string,Y,Y,ops\namount,money,N,Y,finance\n")));
        assertEquals("InvalidInput", failure.type());
        assertTrue(failure.getMessage().startsWith("dict.csv line 3, column type: unknown type 'money'"), failure.getMessage());
    }

    @Test
    void needsExactlyOneKey() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(
                withDictionary("field,type,key,cde,owner\na,string,Y,N,ops\nb,string,Y,N,ops\n")));
        assertTrue(failure.getMessage().contains("exactly one key field, found [a, b]"), failure.getMessage());
    }

    @Test
    void failsWhenTheDictionaryWasNotUploaded() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(
                TestActivityContext.builder().build()));
        assertFalse(failure.isRetryable());
        assertTrue(failure.getMessage().contains("'data-dictionary.csv' not found"), failure.getMessage());
    }
}
