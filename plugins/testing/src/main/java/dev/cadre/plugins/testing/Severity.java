package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.Attribute;

/**
 * How serious an observation is: a wrong key, or a critical data element wrong in several samples
 * (3 or more, or at least a fifth of those tested) is HIGH; any other critical data element failure, or
 * 3 or more failures of another attribute, is MEDIUM; the rest is LOW.
 */
enum Severity {
    HIGH, MEDIUM, LOW;

    static Severity of(Attribute attribute, int failures, int tested) {
        boolean widespread = failures >= 3 || (tested > 0 && failures * 5 >= tested);
        if (attribute.key() || (attribute.cde() && widespread)) {
            return HIGH;
        }
        if (attribute.cde() || failures >= 3) {
            return MEDIUM;
        }
        return LOW;
    }
}
