package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import org.junit.jupiter.api.Test;

/** The test kit's contract (name, JSON output, idempotent re-execution) plus this handler's own checks. */
class ${handlerName}Test extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new ${handlerName}();
    }

    @Override
    protected TestActivityContext context() {
        return TestActivityContext.builder().businessKey("B-1").parameter("who", "Ada").build();
    }

    @Test
    void greetsByNameAndWritesTheGreeting() throws Exception {
        TestActivityContext context = context();
        ActivityResult result = handler().execute(context);
        assertEquals("Hello, Ada (B-1)", result.output().get("greeting"));
        assertEquals("Hello, Ada (B-1)", context.artifacts().text("greeting.txt"));
    }

    @Test
    void refusesAMissingName() {
        TestActivityContext context = TestActivityContext.builder().businessKey("B-1").build();
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("InvalidInput", failure.type());
    }
}
