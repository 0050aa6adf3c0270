package dev.cadre.platform.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and durations: UTC to the second, durations in their two largest units. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** @return the value as text, or an empty string for {@code null} */
    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** @return the instant in UTC, or an empty string */
    static String time(Object instant) {
        return instant instanceof Instant at ? TIME.format(at) : "";
    }

    /** @return the time between two instants, or an empty string when either is missing */
    static String between(Object from, Object to) {
        return from instanceof Instant start && to instanceof Instant end ? duration(Duration.between(start, end)) : "";
    }

    /** @return e.g. {@code 2 h 5 min}, {@code 40 s}, {@code 120 ms} */
    static String duration(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toSeconds() < 1) {
            return d.toMillis() + " ms";
        }
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }
}
