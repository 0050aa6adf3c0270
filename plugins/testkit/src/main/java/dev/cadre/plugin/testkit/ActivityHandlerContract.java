package dev.cadre.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ActivityHandler} must keep, as a JUnit 5 suite to extend:
 *
 * <pre>{@code
 * class GenerateSamplesHandlerTest extends ActivityHandlerContract {
 *     protected ActivityHandler handler() { return new GenerateSamplesHandler(); }
 *     protected TestActivityContext context() { return TestActivityContext.builder()...build(); }
 *     // plus the handler's own tests
 * }
 * }</pre>
 *
 * <p>{@link #context()} must return a <em>fresh</em> context each call, with its own artifact store
 * holding the same inputs, on which the handler completes. The suite checks that the name is not blank,
 * that the output is JSON-compatible and fits the handler's declared {@code outputShape()}, that two executions on identical fresh inputs give equal outputs
 * and identical artifacts (names and SHA-256), and that a retry on the same store (at-least-once
 * delivery) gives the same output and rewrites nothing.
 */
public abstract class ActivityHandlerContract {

    /** @return the handler under test */
    protected abstract ActivityHandler handler();

    /** @return a fresh context with valid inputs, on a store of its own */
    protected abstract TestActivityContext context();

    @Test
    void nameIsNotBlank() {
        String name = handler().name();
        assertNotNull(name, "handler name");
        assertFalse(name.isBlank(), "handler name must not be blank");
    }

    @Test
    void outputIsJsonCompatible() throws Exception {
        ActivityResult result = execute(context());
        JsonValues.firstIncompatible(result.output())
                .ifPresent(path -> fail("output is not JSON-compatible at " + path));
    }

    @Test
    void outputFitsItsDeclaredShape() throws Exception {
        var shape = handler().outputShape();
        assertNotNull(shape, handler().name() + ".outputShape() returned null; return an empty map to declare nothing");
        var malformed = Shapes.declarationProblems(shape);
        assertEquals(List.of(), malformed, handler().name() + ".outputShape() is not a well-formed declaration");
        ActivityResult result = execute(context());
        if (!shape.isEmpty() && !result.isSkipped()) {
            assertEquals(List.of(), Shapes.valueProblems(shape, result.output()),
                    handler().name() + "'s output does not fit its declared outputShape()");
        }
    }

    @Test
    void reExecutionOnIdenticalInputsGivesIdenticalResults() throws Exception {
        TestActivityContext first = context();
        TestActivityContext second = context();
        assertFalse(first.artifacts() == second.artifacts(), "context() must return a fresh artifact store each call");
        ActivityResult one = execute(first);
        ActivityResult two = execute(second);
        assertEquals(one.status(), two.status(), "status");
        assertEquals(one.output(), two.output(), "output of two executions on identical inputs");
        assertEquals(first.artifacts().digests(), second.artifacts().digests(),
                "artifacts (name -> sha256) of two executions on identical inputs");
    }

    @Test
    void retryOnTheSameStoreChangesNothing() throws Exception {
        TestActivityContext first = context();
        ActivityResult one = execute(first);
        var digests = first.artifacts().digests();
        int writes = first.artifacts().writeCount();
        ActivityResult retried = execute(first.retry());
        assertEquals(one.output(), retried.output(), "output of a retry");
        assertEquals(digests, first.artifacts().digests(), "artifacts after a retry");
        assertEquals(writes, first.artifacts().writeCount(), "a retry must not rewrite artifacts with other content");
    }

    private ActivityResult execute(TestActivityContext context) throws Exception {
        ActivityResult result = handler().execute(context);
        assertNotNull(result, handler().name() + " returned no result");
        return result;
    }
}
