package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a phase or an activity runs: once, or once per fan-out instance. Written in lower case. */
public enum ExecutionMode {
    /** Runs once, in sequence order. */
    SEQUENTIAL,
    /** Runs once per fan-out instance of its phase. */
    PARALLEL;

    /** @return the value as the template document and the database write it */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code sequential} or {@code parallel}, any case
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    @JsonCreator
    public static ExecutionMode of(String value) {
        return Enums.parse(ExecutionMode.class, value);
    }
}
