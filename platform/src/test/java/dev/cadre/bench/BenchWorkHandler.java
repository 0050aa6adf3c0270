package dev.cadre.bench;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.Map;

/** The work of every benchmark step: small, the same in the dynamic and the static workflow. */
final class BenchWorkHandler implements ActivityHandler {

    static final String NAME = "BenchWorkHandler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        return ActivityResult.completed(work(context.activityCode(), context.instanceKey()));
    }

    static Map<String, Object> work(String code, String instance) {
        return Map.of("code", code, "instance", instance, "checksum", (long) (code + instance).hashCode());
    }
}
