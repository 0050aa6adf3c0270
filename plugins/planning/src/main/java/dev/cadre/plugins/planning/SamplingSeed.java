package dev.cadre.plugins.planning;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugins.support.Hashing;
import dev.cadre.plugins.support.Values;
import java.util.Optional;

/**
 * The seed of a run's sample: {@code parameters.sampleSeed} when given (a whole number, or any text,
 * which is hashed), else a stable hash of the business key, so the same workflow always draws the
 * same sample and a retry never draws another.
 */
record SamplingSeed(long value, String source) {

    static SamplingSeed of(ActivityContext context) {
        Object given = context.parameters().get("sampleSeed");
        if (given instanceof String text && !text.isBlank() && !text.trim().matches("-?\\d{1,18}")) {
            return new SamplingSeed(Hashing.seedOf("seed:" + text.trim()), "parameters.sampleSeed");
        }
        Optional<Long> number = Values.optionalLong(context.parameters(), "sampleSeed", "parameters");
        return number.map(n -> new SamplingSeed(n, "parameters.sampleSeed"))
                .orElseGet(() -> new SamplingSeed(Hashing.seedOf("businessKey:" + context.businessKey()), "businessKey"));
    }
}
