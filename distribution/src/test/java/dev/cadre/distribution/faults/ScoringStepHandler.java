package dev.cadre.distribution.faults;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Scores {@code parameters.amount} as {@code amount * factor + offset}, the factor and offset read from
 * {@value #FORMULA} in its own plugin JAR: two releases packed with different formulas give different
 * results, so a test sees which release ran a step. Exists on the test class path only to be packed.
 */
public final class ScoringStepHandler implements ActivityHandler {

    /** The handler name templates use. */
    public static final String NAME = "ScoringStepHandler";
    /** The resource in the plugin JAR with {@code factor} and {@code offset}. */
    public static final String FORMULA = "cadre-cluster-it/scoring.properties";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        Properties formula = new Properties();
        try (InputStream in = ScoringStepHandler.class.getClassLoader().getResourceAsStream(FORMULA)) {
            if (in == null) {
                throw new IllegalStateException(FORMULA + " is missing from the plugin JAR");
            }
            formula.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long amount = ((Number) context.parameters().get("amount")).longValue();
        long score = amount * Long.parseLong(formula.getProperty("factor")) + Long.parseLong(formula.getProperty("offset"));
        return ActivityResult.completed(Map.of("score", score, "pid", ProcessHandle.current().pid()));
    }
}
