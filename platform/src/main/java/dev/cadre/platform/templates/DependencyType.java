package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a dependency waits for. Written in lower case. */
public enum DependencyType {
    /** The activity depended on completed or was skipped. */
    COMPLETION,
    /** The activity depended on completed with outcome APPROVED. */
    APPROVAL;

    /** @return the value as the template document and the database write it */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code completion} or {@code approval}, any case
     * @return the type
     * @throws IllegalArgumentException for any other value
     */
    @JsonCreator
    public static DependencyType of(String value) {
        return Enums.parse(DependencyType.class, value);
    }
}
