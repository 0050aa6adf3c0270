package dev.cadre.distribution.faults;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.Map;

/**
 * A step that takes a while ({@code config.millis}, default 1 s), so a fault can hit it mid-run. It logs
 * when it begins and ends, and its output names the host process that ran it. Shipped to the hosts in
 * a plugin JAR that {@link FaultPlugin} builds; it exists on the test class path only to be packed.
 */
public final class PacedStepHandler implements ActivityHandler {

    /** The handler name templates use. */
    public static final String NAME = "PacedStepHandler";
    /** Logged when a step begins; the tests count these against {@link #ENDS}. */
    public static final String BEGINS = "paced step begins";
    /** Logged when a step ends. */
    public static final String ENDS = "paced step ends";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActivityResult execute(ActivityContext context) throws InterruptedException {
        Object configured = context.config().get("millis");
        long millis = configured instanceof Number number ? number.longValue() : 1000;
        context.log().info("{} (attempt {}, {} ms)", BEGINS, context.attempt(), millis);
        Thread.sleep(millis);
        context.log().info(ENDS);
        return ActivityResult.completed(Map.of("pid", ProcessHandle.current().pid(), "attempt", context.attempt()));
    }
}
